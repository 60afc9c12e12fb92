"""One module per chapter: ``CHAPTER`` (its title) and ``SCENES`` (its scene specs)."""
