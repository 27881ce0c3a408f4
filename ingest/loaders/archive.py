"""Open zip containers (HWPX, DOCX) with a cap on what they may unpack to."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..source import LoadError

# No DTDs, no entities, no network: document XML needs none of them (billion laughs, XXE).
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)


def open_zip(path: Path, max_unpacked_bytes: int) -> zipfile.ZipFile:
    """Open a zip and refuse it when its members declare more than ``max_unpacked_bytes`` in total.

    zipfile stops reading a member at its declared size and checks its CRC, so
    the declared sizes are the real bound on what can be unpacked.
    """
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise LoadError(f"{path.name}: broken zip container ({e})") from None
    total = sum(info.file_size for info in z.infolist())
    for info in z.infolist():
        # deflate never makes data much bigger: a member whose stream is larger than the size it
        # declares lies about that size, and would inflate whole in memory before being cut to it
        if info.compress_size > info.file_size * 1.01 + 1024:
            z.close()
            raise LoadError(f"{path.name}: member {info.filename} declares {info.file_size:,} bytes but "
                            f"holds a {info.compress_size:,}-byte stream (a zip bomb?); not unpacked")
    if total > max_unpacked_bytes:
        z.close()
        raise LoadError(f"{path.name}: unpacks to {total:,} bytes, over the {max_unpacked_bytes:,}-byte limit "
                        "(zip bomb?); raise max_unpacked_bytes to load it")
    return z


def read_xml(z: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    """Return the parsed root element of zip member ``name``."""
    try:
        data = z.read(name)
    except KeyError:
        raise LoadError(f"{path.name}: missing {name}") from None
    except (zipfile.BadZipFile, OSError, RuntimeError) as e:  # CRC error, encrypted member
        raise LoadError(f"{path.name}: cannot unpack {name} ({e})") from None
    try:
        return etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as e:
        raise LoadError(f"{path.name}: {name} is not well-formed XML ({e})") from None


def local_name(element: etree._Element) -> str:
    """Return an element's tag without its namespace.

    >>> local_name(etree.fromstring('<hp:p xmlns:hp="urn:x"/>'))
    'p'
    """
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
