"""A tiny HTML tree for reading rendered pages in tests, built on the standard library.

`parse(response)` gives the root element; `by_id`, `find`, `find_all`, `text`, `checked` and
`urls` then read the page the way a test needs to, without depending on its exact markup.
"""

import re
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
URL_ATTRIBUTES = ("href", "src", "action", "formaction")


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def text(self):
        """The visible text, whitespace collapsed."""
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, class_=None, **attrs):
        """Descendants matching the tag, a class and attributes (True: the attribute is there)."""
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if class_ is not None and class_ not in (element.get("class") or "").split():
                continue
            if all(_matches(element, name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag=None, class_=None, **attrs):
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def by_id(self, element_id):
        return self.find(id=element_id)

    def contains(self, other):
        return any(element is other for element in self.iter())

    def urls(self):
        """Every URL the page links to, loads or posts to."""
        return [
            element.get(name)
            for element in self.iter()
            for name in URL_ATTRIBUTES
            if element.get(name) is not None
        ]

    # Form helpers ---------------------------------------------------------------------------

    def checked(self, name):
        """Values of the checked radios or checkboxes called `name`."""
        return [element.get("value", "on") for element in self.find_all("input", name=name)
                if "checked" in element.attrs]  # fmt: skip

    def selected(self, name):
        select = self.find("select", name=name)
        return [option.get("value") for option in select.find_all("option", selected=True)]

    def value(self, name):
        return self.find("input", name=name).get("value", "")


def _matches(element, name, expected):
    # Python names for HTML attributes: for_ -> for, aria_invalid -> aria-invalid.
    name = name.rstrip("_").replace("_", "-")
    if expected is True:
        return name in element.attrs
    return element.get(name) == expected


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value if value is not None else "" for name, value in attrs})
        element.parent = self.current
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response_or_html):
    """The page's root element, from a test-client response or a string of HTML."""
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
