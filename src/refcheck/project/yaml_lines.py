"""YAML configuration (Jupyter Book's ``_config.yml``/``_toc.yml``, MyST-MD's ``myst.yml``)
read with the line of every key and item, so that a setting says where it came from.

PyYAML (a dependency of pybtex) composes the document safely; values are built here from
its nodes: mappings become :class:`LinedDict`, sequences :class:`LinedList`, scalars
what YAML 1.1's safe schema makes of them.  A document that expands to more than
:data:`MAX_NODES` values (an alias bomb) is refused, not expanded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any  # at run time: the classes below subclass dict[Any, Any]

MAX_NODES = 200_000


class LinedDict(dict[Any, Any]):
    """A mapping whose ``lines`` give the 1-based line of each key."""

    lines: dict[Any, int]
    line: int

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LinedList(list[Any]):
    """A sequence whose ``lines`` give the 1-based line of each item."""

    lines: list[int]
    line: int

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class YamlError(Exception):
    """A file that is not YAML, with the line of the problem."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def load_yaml(path: Path) -> Any:
    """The first document of the YAML file at ``path``; raises YamlError or OSError."""
    import yaml

    from refcheck.files import read_regular_file  # FIFOs, devices and huge files refused

    data = read_regular_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlError("not UTF-8 text", line) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        # The start of the construct that is broken (a "[" never closed) is where to look;
        # the problem's own mark is often the end of the file.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        where = f" ({context})" if context else ""
        raise YamlError(f"not valid YAML: {problem}{where}", mark.line + 1 if mark else 1) from None
    if node is None:
        return None
    return _Builder().build(node)


class _Builder:
    def __init__(self) -> None:
        import yaml

        self.yaml = yaml
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def build(self, node: Any) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(
                f"more than {MAX_NODES} values (aliases expanding?)", node.start_mark.line + 1
            )
        yaml = self.yaml
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            mapping = LinedDict()
            mapping.lines, mapping.line = {}, line
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.build(value_node)
                    for part in merged if isinstance(merged, list) else [merged]:
                        if isinstance(part, LinedDict):
                            for key, value in part.items():
                                mapping.setdefault(key, value)
                                mapping.lines.setdefault(key, part.line_of(key))
                    continue
                key = self.build(key_node)
                try:
                    mapping[key] = self.build(value_node)
                except TypeError:  # an unhashable key (a list as a key)
                    continue
                mapping.lines[key] = key_node.start_mark.line + 1
            return mapping
        if isinstance(node, yaml.SequenceNode):
            sequence = LinedList(self.build(item) for item in node.value)
            sequence.lines, sequence.line = [item.start_mark.line + 1 for item in node.value], line
            return sequence
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
