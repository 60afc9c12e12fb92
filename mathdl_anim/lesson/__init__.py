"""What the lesson is (pure: no manim): scene specs, chapters, narration scripts, palette, outline."""
