"""The PySide6 user interface (화면). The only package that imports Qt; it calls use cases only."""
