-- helper that fails while running
error("module body failed", 0)
