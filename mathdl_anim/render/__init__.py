"""A scene -> a video file: options (:mod:`.options`), the TeX folder (:mod:`.tex`), the
process pool and publishing of finished files (:mod:`.scenes`), the fingerprint that says
whether a video is up to date (:mod:`.fingerprint`)."""
