"""What leaves the program safely: atomic file writes, safe cells and text, errors said in words."""
