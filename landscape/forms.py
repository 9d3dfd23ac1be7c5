"""Forms of the social landscape: people, logged connections and the check-in wizard."""

import datetime

from django import forms
from django.utils import timezone

from landscape.choices import Channel, Energy, Feeling, Need, PersonKind, Reciprocity
from landscape.models import Assessment, Interaction, Person
from landscape.scoring import LSNS_ITEMS, LSNS_OPTIONS, UCLA_ITEMS, UCLA_OPTIONS

NAME_REQUIRED = "Please give a name, a nickname or initials."


def _reciprocity_field():
    return forms.ChoiceField(
        label="Giving and receiving",
        choices=[("", "Not sure yet"), *Reciprocity.choices],
        required=False,
    )


class PersonForm(forms.ModelForm):
    reciprocity = _reciprocity_field()
    needs_met = forms.MultipleChoiceField(
        label="Needs they meet",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick what this relationship gives you.",
    )
    channels = forms.MultipleChoiceField(
        label="Preferred ways to connect",
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "kind",
            "closeness",
            "energy",
            "needs_met",
            "reciprocity",
            "contact_now",
            "contact_wished",
            "channels",
            "status",
            "notes",
            "email",
        ]
        labels = {
            "energy": "How do you usually feel after time with them?",
            "reciprocity": "Giving and receiving",
            "contact_now": "How often are you in touch now?",
            "contact_wished": "How often would you like to be?",
        }
        help_texts = {
            "closeness": (
                "Inner circle is a handful of people, close about fifteen, wider about fifty."
            ),
            "status": "Paused, estranged and grieving people are never suggested for a nudge.",
            "email": (
                "Optional. Used only if you invite them to one of your rituals; Kindred never "
                "emails them otherwise, and they never see your map or notes."
            ),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": NAME_REQUIRED}}


class QuickPersonForm(forms.Form):
    """One row of "who is in your life": a name and a kind, nothing else yet."""

    name = forms.CharField(label="Name", max_length=2000, required=False)
    kind = forms.ChoiceField(label="Kind", choices=PersonKind.choices, initial=PersonKind.FRIEND)


QuickPeopleFormSet = forms.formset_factory(QuickPersonForm, extra=3)


class RatingForm(forms.ModelForm):
    """How one person feels: the second step of the check-in."""

    needs_met = PersonForm.base_fields["needs_met"]
    reciprocity = _reciprocity_field()

    class Meta:
        model = Person
        fields = [
            "energy",
            "closeness",
            "needs_met",
            "reciprocity",
            "contact_now",
            "contact_wished",
        ]
        labels = PersonForm.Meta.labels


RatingFormSet = forms.modelformset_factory(Person, form=RatingForm, extra=0)


class InteractionForm(forms.ModelForm):
    people = forms.ModelMultipleChoiceField(
        label="Who with",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Interaction
        fields = ["occurred_on", "people", "channel", "feeling", "is_micro", "note"]
        labels = {
            "occurred_on": "When",
            "channel": "How",
            "feeling": "How did it feel?",
            "is_micro": "A micro-connection with a stranger or acquaintance",
        }
        help_texts = {"is_micro": "A smile, a compliment, a short chat: no person needed."}
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "feeling": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(owner=owner).current()
        self.fields["occurred_on"].initial = timezone.localdate()

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("That day has not come yet; pick today or an earlier day.")
        if day < today - datetime.timedelta(days=3650):
            raise forms.ValidationError("Pick a day within the last ten years.")
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("people") and not cleaned.get("is_micro"):
            # A form-wide error: it shows even when there is nobody to pick from yet.
            self.add_error(
                None,
                "Pick who you connected with, or tick micro-connection for a stranger "
                "or acquaintance.",
            )
        return cleaned


class QuickLogForm(forms.Form):
    """The one-tap log on Today: one person, a channel and the feeling on the button."""

    person = forms.ModelChoiceField(queryset=Person.objects.none())
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.MESSAGE)
    feeling = forms.ChoiceField(choices=Feeling.choices)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(owner=owner).current()


class MicroConnectionForm(forms.Form):
    note = forms.CharField(
        label="What happened? (optional)", required=False, max_length=5000, widget=forms.TextInput
    )
    feeling = forms.ChoiceField(
        label="How did it feel?", choices=Feeling.choices, initial=Feeling.ENERGIZED
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    energy = forms.ChoiceField(
        label="Energy",
        required=False,
        choices=[
            ("", "Any energy"),
            (Energy.ENERGIZING, "Energizing"),
            (Energy.DRAINING, "Draining"),
        ],
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *PersonKind.choices]
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)


class MissingForm(forms.ModelForm):
    cravings = forms.MultipleChoiceField(
        label="What would you like more of?",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Assessment
        fields = ["cravings", "missing_note"]
        widgets = {"missing_note": forms.Textarea(attrs={"rows": 3})}


def _scale_field(label, options, required):
    return forms.TypedChoiceField(
        label=label,
        choices=[(value, text) for value, text in options],
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class ConnectedForm(forms.Form):
    """UCLA-3 (required) and LSNS-6 (optional, but all six or none)."""

    reflection = forms.CharField(
        label="Anything you want to remember about this check-in? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in UCLA_ITEMS:
            self.fields[f"ucla_{key}"] = _scale_field(question, UCLA_OPTIONS, required=True)
            self.fields[f"ucla_{key}"].error_messages["required"] = "Please pick one answer."
        for key, question in LSNS_ITEMS:
            self.fields[f"lsns_{key}"] = _scale_field(question, LSNS_OPTIONS, required=False)
        self.order_fields([*self.ucla_names, *self.lsns_names, "reflection"])

    ucla_names = [f"ucla_{key}" for key, _ in UCLA_ITEMS]
    lsns_names = [f"lsns_{key}" for key, _ in LSNS_ITEMS]

    def clean(self):
        cleaned = super().clean()
        lsns = [cleaned.get(name) for name in self.lsns_names]
        answered = [value is not None for value in lsns]
        if any(answered) and not all(answered):
            for name, done in zip(self.lsns_names, answered, strict=True):
                if not done:
                    self.add_error(
                        name, "Answer all six network questions, or leave all six empty."
                    )
        return cleaned

    @property
    def ucla_answers(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.ucla_names]

    @property
    def lsns_answers(self) -> list[int]:
        answers = [self.cleaned_data.get(name) for name in self.lsns_names]
        return answers if all(a is not None for a in answers) else []

    @classmethod
    def initial_from(cls, assessment: Assessment) -> dict:
        initial = {"reflection": assessment.reflection}
        initial.update(zip(cls.ucla_names, assessment.ucla_answers, strict=False))
        initial.update(zip(cls.lsns_names, assessment.lsns_answers, strict=False))
        return initial


class NudgeConnectedForm(forms.Form):
    """The channel of a connection logged from a nudge email's "We connected" link."""

    channel = forms.ChoiceField(
        label="How did you connect?", choices=Channel.choices, initial=Channel.MESSAGE
    )
