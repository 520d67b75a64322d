// NeuralNetwork — work in progress.
