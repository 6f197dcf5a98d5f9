"""Reading files into article drafts: the folder walk, decoding, and the title, date and source found in them."""
