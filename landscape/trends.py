"""How time with someone has felt lately, beside the energy declared for them."""

from dataclasses import dataclass

from landscape.choices import Energy

# The declared energy a run of logged feelings agrees with.
_AGREES = {"energized": Energy.ENERGIZING, "neutral": Energy.NEUTRAL, "drained": Energy.DRAINING}


@dataclass(frozen=True)
class FeelingTrend:
    energized: int = 0
    neutral: int = 0
    drained: int = 0

    @property
    def total(self) -> int:
        return self.energized + self.neutral + self.drained

    @property
    def leaning(self) -> str | None:
        """energized, neutral, drained or mixed; None with nothing logged."""
        if not self.total:
            return None
        counts = {"energized": self.energized, "neutral": self.neutral, "drained": self.drained}
        top = max(counts.values())
        leaders = [feeling for feeling, count in counts.items() if count == top]
        return leaders[0] if len(leaders) == 1 else "mixed"

    @property
    def label(self) -> str:
        if not self.total:
            return "nothing logged lately"
        leaning = self.leaning
        described = "mixed feelings" if leaning == "mixed" else f"mostly {leaning}"
        counts = f"{self.energized} energized, {self.neutral} neutral, {self.drained} drained"
        return f"{described} ({counts})"

    def differs_from(self, energy: str) -> bool:
        """True when the recent feelings point away from the declared energy."""
        leaning = self.leaning
        if leaning is None or self.total < 3:
            return False
        if leaning == "mixed":
            return energy in (Energy.ENERGIZING, Energy.DRAINING)
        return _AGREES[leaning] != energy and energy != Energy.MIXED
