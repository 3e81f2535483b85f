"""The automatic "We heard" summary of a dialogue (P6): how many took part,
through which channels, and the counted answers of its consultation blocks.

Everything is read from the counters kept as contributions are stored and
moderated (participation/counters.py); no contribution is loaded or counted
here. The cost is one query plus what each consultation block's
``summary_charts()`` needs (a fixed number per block), however many
contributions there are.

The totals count every contribution to the dialogue, also to blocks an
editor has since removed (they were input all the same); the charts follow the
blocks in the body now.

Rejected contributions are left out everywhere: moderators reject spam,
abuse and duplicates, which are not input from the public. The block results
on the dialogue page leave them out too, so both pages give the same numbers.
"""

from dataclasses import dataclass, field

from ..models.contributions import Channel
from ..participation import counters


@dataclass
class ChannelCount:
    channel: str
    label: str
    count: int


@dataclass
class BlockSummary:
    """The charts of one consultation block."""

    block_id: str
    block_type: str
    #: The block's title (``block_title()``), or empty when its one chart
    #: already says it (a poll's question).
    heading: str
    charts: list


@dataclass
class DialogueSummary:
    #: People who took part online: distinct keyed hashes of their session
    #: (``Contribution.dialogue_participant_key``). People met offline are
    #: not counted here, as nothing tells them apart.
    people_online: int
    contributions: int
    #: Channels with at least one contribution, in the order of ``Channel``.
    by_channel: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    @property
    def charts(self):
        return [chart for block in self.blocks for chart in block.charts]


def channel_counts(counts):
    """``ChannelCount`` rows from ``{channel: count}``, in the order of
    ``Channel``."""
    counts = dict(counts)
    known = [
        ChannelCount(channel.value, str(channel.label), counts.pop(channel.value))
        for channel in Channel
        if channel.value in counts
    ]
    # A channel a project stored that the package does not know.
    unknown = [ChannelCount(value, value, count) for value, count in counts.items()]
    return known + unknown


def block_summaries(dialogue):
    summaries = []
    for block_id, block, value in dialogue.consultation_blocks():
        charts = block.summary_charts(value, page=dialogue, block_id=block_id)
        if charts:
            summaries.append(
                BlockSummary(
                    block_id=block_id,
                    block_type=block.name,
                    heading=summary_heading(block.block_title(value), charts),
                    charts=charts,
                )
            )
    return summaries


def summary_heading(title, charts):
    """The block's title over its charts, unless it would only repeat the
    title of its one chart."""
    if len(charts) == 1 and str(charts[0].title) == title:
        return ""
    return title


def dialogue_summary(dialogue):
    """The ``DialogueSummary`` of a dialogue page."""
    people, channels = counters.dialogue_counts(dialogue)
    by_channel = channel_counts(channels)
    return DialogueSummary(
        people_online=people,
        contributions=sum(row.count for row in by_channel),
        by_channel=by_channel,
        blocks=block_summaries(dialogue),
    )
