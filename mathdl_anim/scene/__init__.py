"""The kit a scene is written with: :class:`LessonScene`, its slide variant, and speech."""
