"""Sectioning of a document into heading, addressees, body, signature and Nơi nhận."""
