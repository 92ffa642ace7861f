"""The duplicates screen: clusters of repeated passages, a cluster's members, and a member's
differences from the cluster's first occurrence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from diffkit.deduplication import pair_similarity
from diffkit.formats.text import plural
from diffkit.model import Cluster, Member, Span
from diffkit.render import badges

from ..analysis import Cancel, Duplicates, Options, Progress, run_duplicates
from ..messages import DuplicatesReady
from ..subjects import Subject, cluster_entries, member_subject
from ..widgets.cluster_list import ClusterList, MemberList, middle
from ..widgets.document_view import Mark
from .document import DocumentScreen
from .result import ResultScreen

MARK_STYLE: Final = {"first": "on #1d4028", "repeat": "on #4a3f12"}


class DuplicatesScreen(ResultScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "focus_clusters", "clusters", show=False, tooltip="Back to the clusters"),
        Binding(
            "G",
            "group_members",
            "group by file",
            show=False,
            tooltip="List a cluster's members file by file, or in the order found",
        ),
        Binding(
            "F",
            "filter_members",
            "filter members",
            show=False,
            tooltip="List only the clusters and members whose path holds some text (empty: all)",
        ),
    ]
    SORT_ORDERS: ClassVar[tuple[str, ...]] = ("document", "similarity", "size")

    def __init__(self, paths: list[Path], options: Options, *, export_dir: Path) -> None:
        super().__init__(paths, options, export_dir=export_dir)
        self.result: Duplicates | None = None
        self._members_of: int | None = None
        self.group_by_path = False
        """List a cluster's members by file, then position."""
        self.member_filter = ""
        """List only clusters with a member whose path holds this, and only those members (the
        first occurrence always stays)."""
        self._joined: dict[tuple[int, int], tuple[int, float]] = {}
        self._filtered = (0, 0)
        """The clusters listed, and those the filters but the member filter leave."""
        self._positions: dict[int, int] = {}
        """Each listed member's place in its cluster, by identity."""
        self.title = (
            "duplicates in "
            + ", ".join(p.name for p in paths[:3])
            + (" …" if len(paths) > 3 else "")
        )

    def compose_lists(self) -> ComposeResult:
        yield ClusterList(id="clusters")
        yield MemberList(id="members")

    @property
    def clusters(self) -> ClusterList:
        return self.query_one(ClusterList)

    @property
    def members(self) -> MemberList:
        return self.query_one(MemberList)

    def compute(self, progress: Progress, cancel: Cancel) -> Message:
        return DuplicatesReady(
            run_duplicates(self.paths, self.options, progress=progress, cancel=cancel)
        )

    def on_duplicates_ready(self, message: DuplicatesReady) -> None:
        self.result = message.result
        self._members_of = None
        self._joined = {}
        self.clusters.show_from(message.result.report.clusters)
        self.finish_analysis()
        if message.result.skipped:
            self.notify(
                "\n".join(f"Skipped {why}" for why in message.result.skipped[:5]),
                severity="warning",
                markup=False,
            )

    def summary(self) -> Text:
        assert self.result is not None
        r = self.result.report
        docs = len(r.documents)
        text = Text()
        if self.member_filter:
            # Of the clusters the other filters and the search leave, those with a member there
            # are listed: the count says what the list shows and what the filter hides. It
            # comes first, so that a narrow terminal's cut never hides that a filter is on.
            listed, of = self._filtered
            text.append(
                f"F: paths holding “{self.member_filter}”, {listed} of {of} · ", style="yellow"
            )
        text.append(plural(docs, "document"), style="bold")
        text.append(f" · {plural(len(r.clusters), 'cluster')} · {plural(r.duplicates, 'repeat')}")
        text.append(f" · threshold {r.threshold:.0%} · {r.granularity}s", style="dim")
        if self.result.skipped:
            text.append(f" · {plural(len(self.result.skipped), 'file')} skipped", style="yellow")
        return text

    def has_script_edits(self) -> bool:
        if self.result is None:
            return False
        return any(
            e.category == "script"
            for c in self.result.report.clusters
            for m in c.members
            for e in m.edits
        )

    def refill(self) -> None:
        assert self.result is not None
        lst = self.clusters
        keep = lst.selected_key
        entries = cluster_entries(self.result.report, self.state, self.result.search)
        before = len(entries)
        if self.member_filter:
            entries = [c for c in entries if any(map(self._passes, c.members))]
        lst.fill(entries, keep=keep)
        if self._filtered != (len(entries), before):
            self._filtered = (len(entries), before)
            self.query_one("#summary", Static).update(self.summary(), layout=False)
        self.fill_members(keep=self.members.selected_key, force=True)

    def fill_members(self, *, keep: str | None = None, force: bool = False) -> None:
        cluster = self.clusters.selected
        cid = None if cluster is None else cluster.id
        if cid == self._members_of and not force:
            return
        self._members_of = cid
        members = self.members
        members.hidden = self.state.hidden
        members.show_paths = self.result is not None and len(self.result.documents) > 1
        items = self.listed_members(cluster) if cluster is not None else []
        self._positions = {id(m): n for n, m in enumerate(cluster.members if cluster else ())}
        if keep is None and len(items) > 1:
            keep = members.key_of(items[1])
        members.fill(items, keep=keep)

    def listed_members(self, cluster: Cluster) -> list[Member]:
        """The cluster's members as the filter and grouping list them."""
        items = [m for m in cluster.members if m.representative or self._passes(m)]
        if self.group_by_path:
            items.sort(key=lambda m: (not m.representative, m.span.path, m.span.start))
        return items

    def _passes(self, member: Member) -> bool:
        """Whether the member filter leaves ``member`` listed (a cluster is listed while one of
        its members is, the first occurrence then with them)."""
        return self.member_filter.casefold() in member.span.path.casefold()

    def action_group_members(self) -> None:
        self.group_by_path = not self.group_by_path
        self.fill_members(keep=self.members.selected_key, force=True)
        self.refresh_view()
        self.notify("Members by file" if self.group_by_path else "Members in the order found")

    def action_filter_members(self) -> None:
        def done(answer: str | None) -> None:
            if answer is not None and self.result is not None:
                self.member_filter = answer.strip()
                self.query_one("#summary", Static).update(self.summary(), layout=False)
                self.refill()
                self.refresh_view()

        self.ask(
            "List clusters and members whose path holds (empty for all)", done, self.member_filter
        )

    @on(ClusterList.Highlighted, "#clusters")
    def _cluster_highlighted(self) -> None:
        self.fill_members()
        self.refresh_view()

    @on(MemberList.Highlighted, "#members")
    def _member_highlighted(self) -> None:
        self.refresh_view()

    @on(ClusterList.Chosen, "#clusters")
    def _cluster_chosen(self) -> None:
        self.members.focus()

    def action_focus_clusters(self) -> None:
        self.clusters.focus()

    def _selected(self) -> tuple[Cluster, int] | None:
        cluster = self.clusters.selected
        member = self.members.selected
        if cluster is None or self._members_of != cluster.id or member is None:
            return None
        return cluster, self._positions[id(member)]

    def current(self) -> tuple[str, Subject] | None:
        found = self._selected()
        if found is None:
            return None
        cluster, n = found
        return f"{cluster.id}:{n}", member_subject(cluster, n)

    def title_of(self, subject: Subject) -> Text:
        found = self._selected()
        assert found is not None
        cluster, n = found
        rep = cluster.representative
        paths = self.members.show_paths
        text = Text(f"#{cluster.id} ", style="bold")
        text.append(f"member {n + 1}/{len(cluster.members)}  ")
        if n == 0:
            text.append(f"first occurrence  {_where(rep.span, paths)}", style="cyan")
            return text
        member = cluster.members[n]
        text.append(f"{member.similarity:.0%}  ")
        text.append_text(badges(member.edits, self.state.hidden))
        text.append(" ")
        assert self.result is not None
        spans = [rep.span, member.span]
        through = ""
        if member.similarity < self.result.report.threshold:
            near, similarity = self.joined_through(cluster, n)
            spans.append(cluster.members[near].span)
            through = f" ({similarity:.0%})"
        # Why the member joined comes before the names, which are cut in the middle to fit
        # the line (the member list shows them too).
        fixed = text.cell_len + len(" → ") + (len("joined through   ") + len(through))
        width = self.query_one("#title").content_region.width or self.app.size.width
        room = max((width - fixed) // len(spans), 12)
        first, this, *others = (_where(span, paths, room) for span in spans)
        for other in others:
            text.append(f"joined through {other}{through}  ", style="italic")
        text.append(first, style="cyan")
        text.append(" → ")
        text.append(this, style="green")
        return text

    def joined_through(self, cluster: Cluster, n: int) -> tuple[int, float]:
        """The member that brought member ``n`` (below the threshold from the first
        occurrence) into the cluster: the one it is most alike, and how alike."""
        found = self._joined.get((cluster.id, n))
        if found is None:
            profile = self.fold_profile
            text = cluster.members[n].text
            found = max(
                (
                    (pair_similarity(text, m.text, profile=profile), k)
                    for k, m in enumerate(cluster.members)
                    if k not in (0, n)
                ),
                default=(cluster.members[n].similarity, 0),
            )[::-1]
            self._joined[(cluster.id, n)] = found
        return found

    def neighbours(self, delta: int) -> Iterator[tuple[str, Subject]]:
        found = self._selected()
        if found is None:
            return
        cluster, _ = found
        order = self.clusters.items
        at = self.clusters.cursor
        listed = [self._positions[id(m)] for m in self.members.items]
        cursor = self.members.cursor
        following = listed[cursor + 1 :] if delta > 0 else listed[:cursor][::-1]
        for m in following:
            if m > 0:
                yield f"{cluster.id}:{m}", member_subject(cluster, m)
        for c in order[at + 1 :] if delta > 0 else order[:at][::-1]:
            indices = range(1, len(c.members)) if delta > 0 else range(len(c.members) - 1, 0, -1)
            for m in indices:
                yield f"{c.id}:{m}", member_subject(c, m)

    def select(self, token: str) -> None:
        cid, n = token.split(":")
        self.clusters.select_key(cid)
        cluster = self.clusters.selected
        if cluster is None:
            return
        self.fill_members(keep=self.members.key_of(cluster.members[int(n)]))
        self.members.select_key(self.members.key_of(cluster.members[int(n)]))

    def move(self, delta: int) -> None:
        if self.members.has_focus:
            self.members.step(delta)
        else:
            self.clusters.step(delta)

    def location(self, which: str) -> Span | None:
        found = self._selected()
        if found is None:
            return None
        cluster, n = found
        return cluster.members[n].span if which == "this" else cluster.representative.span

    def export_stem(self) -> str:
        return f"diffkit-duplicates-{self.paths[0].stem}"

    def document_screen(self) -> DocumentScreen | None:
        assert self.result is not None
        documents = self.result.documents
        index = {d.path: n for n, d in enumerate(documents)}
        marks: list[Mark] = []
        current: int | None = None
        selected = self.current()
        for c in self.result.report.clusters:
            size = len(c.members)
            for n, m in enumerate(c.members):
                token = f"{c.id}:{n}"
                if selected is not None and selected[0] == token:
                    current = len(marks)
                label = f"cluster #{c.id} · member {n + 1}/{size} · {m.similarity:.0%}"
                style = MARK_STYLE["first" if n == 0 else "repeat"]
                marks.append(
                    Mark(
                        index.get(m.span.path, 0),
                        m.span.start,
                        m.span.end,
                        str(c.id),
                        token,
                        label,
                        style,
                    )
                )
        names = [Path(d.path).name for d in documents]
        legend = Text.assemble(
            (" first occurrence ", MARK_STYLE["first"]), " ", (" repeat ", MARK_STYLE["repeat"])
        )
        return DocumentScreen(documents, names, marks, current, legend=legend)

    def after_document(self, token: str | None) -> None:
        if token is None:
            return
        if self.clusters.index_of(token.split(":")[0]) is None:
            self.notify("That cluster is hidden by the filter or search.")
            return
        self.select(token)
        self.refresh_view()


def _where(span: Span, with_path: bool, cells: int | None = None) -> str:
    """Where ``span`` is: its file's name (cut in the middle to fit ``cells``) and lines."""
    lines = f"{span.start_line}" + (f"-{span.end_line}" if span.end_line != span.start_line else "")
    if not with_path:
        return f"line {lines}"
    name = Path(span.path).name
    if cells is not None:
        name = middle(name, max(cells - len(lines) - 1, 8))
    return f"{name}:{lines}"
