"""A pybtex formatting style that prints references as Japanese Wikipedia does.

Registered as the ``jawiki`` plugin of ``pybtex.style.formatting``; in a Sphinx project:
``bibtex_default_style = "jawiki"``.
"""

from refcheck.style.jawiki import JawikiStyle

__all__ = ["JawikiStyle"]
