"""The app's own widgets: the diff view, the document view and the result lists."""
