"""PyTorch reference for the structured VAE's training throughput (samples per CPU-second, one thread).

Builds the identical network (107 -> 128 -> 64 -> 64 ReLU, heads mu_s(2), mu_v(d), logvar_v(d);
decoder (2+d) -> 64 -> 128 ReLU, heads 101 (ln cs2 = -softplus) and 6), the identical loss
(scaled reconstruction MSE + kappa * supervised MSE + eta * KL), Adam(lr 1e-4, eps 1e-7), batch 64,
shuffled mini-batches and a deterministic validation pass per epoch, on synthetic data of the same size
as the Swift benchmark (7000 training rows, 1500 validation rows by default). Prints one line:
TORCH_TRAINING samples_per_cpu_second=... epochs=... rows=... cpu_seconds=... final_val_loss=...
"""
import argparse
import time

import torch
from torch import nn
import torch.nn.functional as F


class StructuredVAE(nn.Module):
    def __init__(self, d=4, inputs=107, sound_speeds=101, supervised=2):
        super().__init__()
        self.sound_speeds = sound_speeds
        self.encoder = nn.Sequential(nn.Linear(inputs, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                                     nn.Linear(64, 64), nn.ReLU())
        self.mu_s = nn.Linear(64, supervised)
        self.mu_v = nn.Linear(64, d)
        self.logvar_v = nn.Linear(64, d)
        self.decoder = nn.Sequential(nn.Linear(supervised + d, 64), nn.ReLU(), nn.Linear(64, 128), nn.ReLU())
        self.cs2_head = nn.Linear(128, sound_speeds)
        self.boundary_head = nn.Linear(128, inputs - sound_speeds)

    def forward(self, x, sample):
        h = self.encoder(x)
        mu_s, mu_v, logvar = self.mu_s(h), self.mu_v(h), self.logvar_v(h)
        z = mu_v + torch.exp(0.5 * logvar) * torch.randn_like(mu_v) if sample else mu_v
        g = self.decoder(torch.cat([mu_s, z], dim=1))
        out = torch.cat([-F.softplus(self.cs2_head(g)), self.boundary_head(g)], dim=1)
        return out, mu_s, mu_v, logvar


def loss_fn(model_out, x, y, mean, std, kappa, eta):
    out, mu_s, mu_v, logvar = model_out
    reconstruction = (((out - mean) / std - x) ** 2).mean()
    supervised = ((mu_s - y) ** 2).mean()
    kl = (0.5 * (mu_v ** 2 + logvar.exp() - 1 - logvar)).mean()
    return reconstruction + kappa * supervised + eta * kl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--training-rows", type=int, default=7000)
    parser.add_argument("--validation-rows", type=int, default=1500)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x_train, y_train = torch.randn(args.training_rows, 107), torch.randn(args.training_rows, 2)
    x_val, y_val = torch.randn(args.validation_rows, 107), torch.randn(args.validation_rows, 2)
    mean, std = torch.randn(107), torch.rand(107) + 0.5
    model = StructuredVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-7)
    start_cpu = time.process_time()
    for _ in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train))
        for begin in range(0, len(order), 64):
            rows = order[begin:begin + 64]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_train[rows], True), x_train[rows], y_train[rows], mean, std, 1.0, 1e-3)
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            validation_loss = loss_fn(model(x_val, False), x_val, y_val, mean, std, 1.0, 1e-3).item()
    seconds = time.process_time() - start_cpu
    print(f"TORCH_TRAINING samples_per_cpu_second={int(args.training_rows * args.epochs / seconds)} epochs={args.epochs} "
          f"rows={args.training_rows} cpu_seconds={seconds:.3f} final_val_loss={validation_loss} "
          f"torch={torch.__version__} threads={args.threads}")


if __name__ == "__main__":
    main()
