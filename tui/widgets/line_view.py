"""The base of the app's long views: a ``ScrollView`` on the Line API.

Subclasses paint one row at a time in ``render_line`` and cache the strips they build; this
base reads the widget's style once per paint (not once per row), changes the scrollable
height without asking for a layout of the whole screen, which would cost a full repaint on
every key, and pages at once: an animated page paints every row it passes over, a frame
at a time. Its scrollbar never asks for a layout of the screen: the view places it, and a
scrollbar restyled on a focus move or resized within a layout otherwise cost a second layout
pass for one key.
"""

from __future__ import annotations

from rich.style import Style
from textual.actions import SkipAction
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from .covered import Covered, painted_whole


class SteadyScrollBar(ScrollBar):
    """A scrollbar whose size and place only its view decides (a change of which the view
    lays out itself: showing a scrollbar is a layout of the view)."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> SteadyScrollBar:
        view = self.parent
        if isinstance(view, LineView) and (
            view.in_layout or not view.is_on_screen or painted_whole(view)
        ):
            # The layout pass paints it (see ``LineView.repaint``), or the whole screen's
            # repaint does (restyled as its screen is shown again), or nothing shows it
            # (its list zoomed away, restyled as the focus leaves it).
            self._set_dirty(*regions)
            return self
        super().refresh(*regions, repaint=repaint, recompose=recompose)
        return self

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Resized within the layout pass that paints it: no repaint asked for after it.
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class LineView(Covered, ScrollView):
    DEFAULT_CSS = """
    LineView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._base_style = Style()
        self._paint_width = 0
        """The content width, read once per paint: the region is computed anew on each read."""
        self.in_layout = False
        """Whether the screen's layout pass is resizing the view now."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = SteadyScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    @property
    def content_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def content_height(self) -> int:
        return self.scrollable_content_region.height

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        self.in_layout = True
        try:
            resized = super()._size_updated(size, virtual_size, container_size, layout)
            if resized:
                self.resized()
        finally:
            self.in_layout = False
        return resized

    def resized(self) -> None:
        """The layout pass resized the view: lay its rows out again here, not on the Resize
        event after the frame, which would show the old rows and repaint in a second frame."""

    def repaint(self) -> None:
        """Paint the view again. Within a layout pass that resized it, that pass paints it
        whole: a refresh asked for there would only cost a second frame after it."""
        if self.in_layout:
            self._set_dirty()
        else:
            self.refresh()

    def set_height(self, rows: int, *, repaint: bool = True) -> None:
        """Make ``rows`` rows scrollable and repaint (unless the caller repaints the rows
        that changed)."""
        size = Size(self.content_width, rows)
        if size != self.virtual_size:
            # The gutter is stable and the width is the view's own: a new height moves
            # nothing else on screen, so only the scrollbars need to hear of it.
            self.set_reactive(LineView.virtual_size, size)
            self._scroll_update(size)
        if repaint:
            self.repaint()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style
        self._paint_width = self.content_width
        return super().render_lines(crop)

    def fit(self, strip: Strip) -> Strip:
        """``strip`` cropped to the visible columns, on the widget's background."""
        x = self.scroll_offset.x
        style = self._base_style
        width = self._paint_width or self.content_width
        return strip.crop_extend(x, x + width, style).apply_style(style)

    def blank(self) -> Strip:
        return Strip.blank(self._paint_width or self.content_width, self._base_style)

    def _page(self, rows: float) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_to(y=self.scroll_y + rows, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self._page(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._page(-self.scrollable_content_region.height)

    def action_scroll_down(self) -> None:
        self._page(1)

    def action_scroll_up(self) -> None:
        self._page(-1)
