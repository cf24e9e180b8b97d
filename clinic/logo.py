"""The clinic's logo: any common raster image in, a small PNG out.

An upload is opened by Pillow (so an SVG, a script or a file that only claims to be an image is
refused), bounded in bytes and pixels, then re-encoded: what is served is always an image this
code wrote, never the bytes that were uploaded.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_PIXELS = 4000 * 4000
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
# Shown at most 48 px high in the header: twice that for sharp screens.
SIZE = (480, 96)


def validate_logo(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The logo must be at most 2 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("The logo must be a PNG, JPEG, GIF or WebP image."))
            if image.width * image.height > MAX_UPLOAD_PIXELS:
                raise ValidationError(_("The logo must be at most 4000 × 4000 pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image Pillow can read.")) from None
    finally:
        upload.seek(0)


def reencoded(upload):
    """The upload as a PNG of at most SIZE, without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = image.convert("RGBA")
        image.thumbnail(SIZE)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name="logo.png")
