print("eos-trainer")
