"""Extraction: spaCy NER and the rules that turn its spans into canonical mentions and date periods."""
