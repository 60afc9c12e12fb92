"""Files made from finished renders for pasting elsewhere: an animated GIF, a PDF of stills.

PyAV decodes, Pillow encodes; no manim. Every file is written under a temporary name in its
final folder and moved into place with :func:`os.replace` (:func:`writing`), so a final name
never holds half a file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from mathdl_anim.files import writing

__all__ = ["GIF_SIZE", "GIF_FPS", "PDF_LONG_SIDE_IN", "writing", "write_gif", "write_pdf"]

#: Long side of the GIFs in pixels (never larger than the video): small enough to paste anywhere.
GIF_SIZE = 480
#: Frames per second of the GIFs: smooth enough for this flat-colour animation, 1-3 MB a scene.
GIF_FPS = 10
#: Long side of the PDF pages in inches: a 16:9 slide of PowerPoint and Keynote is 13.33 x 7.5.
PDF_LONG_SIDE_IN = 40 / 3


def write_gif(video: Path, dest: Path, size: int = GIF_SIZE, fps: float = GIF_FPS) -> Path:
    """Write ``video`` as a looping GIF, ``size`` pixels on its long side, ``fps`` frames a second.

    One palette of 256 colours, taken from frames spread over the whole video, serves every
    frame, undithered: flat colours stay flat and do not flicker from frame to frame. Pillow
    stores only the changed rectangle of each frame and merges identical consecutive frames.

    Parameters
    ----------
    video : Path
        Any video PyAV can decode (the scene's mp4).
    dest : Path
        The ``.gif`` to write.
    size : int
        Output width (height for a vertical video) in pixels; the video's own if that is
        smaller. The other side follows the aspect ratio (rounded to an even number).
    fps : float
        Output frame rate; frames are taken at ``0, 1/fps, 2/fps, ...`` seconds.

    Returns
    -------
    Path
        ``dest``.
    """
    import av
    from PIL import Image

    frames: list[Image.Image] = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        scale = min(1.0, size / max(stream.width, stream.height))
        out_w, out_h = (max(2, round(side * scale / 2) * 2) for side in (stream.width, stream.height))
        next_time = 0.0
        for frame in container.decode(stream):
            if frame.time is not None and frame.time + 1e-6 < next_time:
                continue
            frames.append(frame.reformat(out_w, out_h, format="rgb24", interpolation="AREA").to_image())
            next_time += 1 / fps
    if not frames:
        raise ValueError(f"{video}: no frames to make a GIF of")
    sample = frames[:: max(1, len(frames) // 16)]
    montage = Image.new("RGB", (out_w, out_h * len(sample)))
    for k, image in enumerate(sample):
        montage.paste(image, (0, k * out_h))
    palette = montage.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    indexed = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in frames]
    with writing(dest) as tmp:
        indexed[0].save(
            tmp, format="GIF", save_all=True, append_images=indexed[1:], duration=round(1000 / fps), loop=0
        )
    return Path(dest)


def write_pdf(
    pages: Sequence[Path], dest: Path, long_side_in: float = PDF_LONG_SIDE_IN, title: str = ""
) -> Path:
    """Write the images ``pages`` (PNG stills, all the same size) as a PDF, one per page.

    Each page's long side is ``long_side_in`` inches (a 16:9 image gives a 13.33 x 7.5 in page,
    the size of a widescreen slide); images are stored as high-quality JPEG. A page whose PNG
    carries its step's words (text chunks ``Caption`` and ``Narration``, written by the slide
    scenes) carries them as real text too, invisible over the image (as a scanned page's
    recognised text): selectable, searchable, read aloud by screen readers. ``title`` is the
    document's Title; its Author and Creator are ``mathdl-anim``. Written with ReportLab, in
    its invariant mode (the same pages give the same bytes).

    Returns
    -------
    Path
        ``dest``.
    """
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    if not pages:
        raise ValueError("a PDF needs at least one page")
    font = _text_font()
    with writing(dest) as tmp:
        canvas = Canvas(str(tmp), invariant=True, pageCompression=1)
        canvas.setTitle(title)
        canvas.setAuthor("mathdl-anim")
        canvas.setCreator("mathdl-anim")
        canvas.setSubject(title)
        for page in pages:
            with Image.open(page) as png:
                words = [png.info.get(key, "") for key in ("Caption", "Narration")]
                image = png.convert("RGB")
            scale = 72 * long_side_in / max(image.size)  # points per pixel
            width, height = image.width * scale, image.height * scale
            canvas.setPageSize((width, height))
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=92)
            canvas.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width, height)
            _invisible_text(canvas, font, [w for w in words if w], width, height)
            canvas.showPage()
        canvas.save()
    return Path(dest)


def _text_font() -> str:
    """A font for the text layer that has Greek and maths symbols: DejaVu Sans where the system
    has it (Debian's fonts-dejavu-core, which Pango's font config pulls in), else ReportLab's
    own Bitstream Vera (Latin only: other characters extract, but draw as boxes, unseen)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "MathdlText"
    if name not in pdfmetrics.getRegisteredFontNames():
        system = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        bundled = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        pdfmetrics.registerFont(TTFont(name, str(system if system.is_file() else bundled)))
    return name


def _invisible_text(canvas, font: str, paragraphs: list[str], width: float, height: float) -> None:
    """``paragraphs`` as invisible text (render mode 3), wrapped to the page's width, from the top."""
    from reportlab.lib.utils import simpleSplit

    size = height / 40
    text = canvas.beginText(width * 0.05, height - 2 * size)
    text.setTextRenderMode(3)
    text.setFont(font, size)
    for paragraph in paragraphs:
        for line in simpleSplit(paragraph, font, size, width * 0.9):
            text.textLine(line)
    canvas.drawText(text)
