"""Photos from phones carry the place they were taken: strip that unless the citizen shares it."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000


def strip_metadata(upload: UploadedFile) -> UploadedFile:
    """Re-encode a JPEG or PNG without EXIF (GPS included); other files are returned unchanged.
    The picture is rotated as the camera meant it, since the orientation tag goes too."""
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith((b"\xff\xd8\xff", b"\x89PNG")):
        return upload
    try:
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(upload) as image:
            fmt = image.format or "JPEG"
            clean = ImageOps.exif_transpose(image)
            if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            out = io.BytesIO()
            clean.save(out, format=fmt, quality=88) if fmt == "JPEG" else clean.save(
                out, format=fmt
            )
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        upload.seek(0)
        return upload  # the petitions service rejects what is not a real image
    content_type = "image/jpeg" if fmt == "JPEG" else "image/png"
    return SimpleUploadedFile(upload.name or "anh", out.getvalue(), content_type=content_type)


def has_gps(data: bytes) -> bool:
    """Whether an image still carries GPS information (used by tests and checks)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return bool(image.getexif().get_ifd(0x8825))
    except (UnidentifiedImageError, OSError):
        return False
