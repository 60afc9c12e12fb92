"""Finished videos -> deliverables: the lecture, slide decks, the gallery, subtitles, media files."""
