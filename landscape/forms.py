"""Forms of the social landscape: people, logged connections and the check-in wizard."""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from connection.lib.form_fields import ModelIdsField
from landscape.choices import (
    Channel,
    Closeness,
    DateKind,
    Energy,
    Feeling,
    Frequency,
    Need,
    PersonKind,
    Reciprocity,
)
from landscape.models import (
    MOST_DATES_PER_PERSON,
    Assessment,
    ImportantDate,
    Interaction,
    Person,
)
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


# The page offers three rows at a time; a post with many more was not typed on it.
QUICK_PEOPLE_MAX_ROWS = 20


class BaseQuickPeopleFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": (
            f"Please add at most {QUICK_PEOPLE_MAX_ROWS} names at a time, then add the rest "
            "with “Add these and more”."
        ),
    }


QuickPeopleFormSet = forms.formset_factory(
    QuickPersonForm,
    formset=BaseQuickPeopleFormSet,
    extra=3,
    max_num=QUICK_PEOPLE_MAX_ROWS,
    absolute_max=QUICK_PEOPLE_MAX_ROWS,
    validate_max=True,
)


PICK_ONE = "Please pick one answer."


def _chip_choice(label, choices, *, required=True, help_text=""):
    """One question answered by tapping one of a row of buttons (real radio inputs)."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"required": PICK_ONE},
    )


def _frequencies(*, never_label):
    return [
        (value, never_label if value == Frequency.NO_GOAL else label)
        for value, label in Frequency.choices
    ]


class PersonRatingForm(forms.ModelForm):
    """How one person feels: one page of the check-in's second step, all big tap targets."""

    energy = _chip_choice("How do you feel after time together?", Energy.choices)
    closeness = _chip_choice(
        "How close are you?",
        [
            (Closeness.INNER, "Inner circle (about 5)"),
            (Closeness.CLOSE, "Close (about 15)"),
            (Closeness.WIDER, "Wider circle (about 50)"),
        ],
        help_text="Inner circle: the few you turn to first. Close: good friends and family. "
        "Wider: everyone else you know.",
    )
    contact_now = _chip_choice(
        PersonForm.Meta.labels["contact_now"], _frequencies(never_label="Hardly ever")
    )
    contact_wished = _chip_choice(
        PersonForm.Meta.labels["contact_wished"], _frequencies(never_label="No wish")
    )
    needs_met = forms.MultipleChoiceField(
        label="What do they bring you? Pick any.",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
    )
    reciprocity = _chip_choice(
        "Giving and receiving", [*Reciprocity.choices, ("", "Not sure yet")], required=False
    )

    class Meta:
        model = Person
        fields = [
            "energy",
            "closeness",
            "contact_now",
            "contact_wished",
            "needs_met",
            "reciprocity",
        ]

    # Answers a person has not been asked yet are stored defaults, not the owner's answers:
    # they are left unticked so nobody is nudged towards "neutral".
    UNASKED = {"energy": "", "closeness": "", "contact_now": "", "contact_wished": ""}


class InteractionForm(forms.ModelForm):
    people = ModelIdsField(
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
        people = self.fields["people"]
        people.queryset = Person.objects.filter(owner=owner).current()
        if not people.queryset.exists():
            # Said where the choices would be, so that "Who with" never stands over nothing.
            people.help_text = format_html(
                'Nobody is on your map yet: <a href="{}">add someone</a>, or tick '
                "“a micro-connection” below.",
                reverse("person_new"),
            )
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


class ImportantDateForm(forms.ModelForm):
    """A birthday or another named date of one person (the instance carries the person)."""

    day = forms.TypedChoiceField(
        choices=[("", "Day")] + [(n, str(n)) for n in range(1, 32)],
        coerce=int,
        error_messages={"required": "Pick the day.", "invalid_choice": "Pick a day from 1 to 31."},
    )

    class Meta:
        model = ImportantDate
        fields = ["kind", "label", "day", "month", "year", "remind_days_before"]
        labels = {"kind": "What is the date?"}
        widgets = {
            "kind": forms.RadioSelect,
            "year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900, "max": 2100}),
            "remind_days_before": forms.NumberInput(
                attrs={"inputmode": "numeric", "min": 0, "max": 60}
            ),
        }
        error_messages = {
            "month": {"required": "Pick the month.", "invalid_choice": "Pick a month."},
            "year": {
                "invalid": "Give the year as four digits, or leave it empty.",
                "min_value": "Give a year from 1900 on, or leave it empty.",
                "max_value": "Give a year up to 2100, or leave it empty.",
            },
            "remind_days_before": {
                "required": "Say how many days before; 0 means on the day.",
                "invalid": "Give a number of days from 0 to 60.",
                "min_value": "Give a number of days from 0 to 60.",
                "max_value": "Give a number of days from 0 to 60.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", "Month"), *self.fields["month"].choices[1:]]

    def clean(self):
        cleaned = super().clean()
        person = self.instance.person
        others = ImportantDate.objects.filter(person=person).exclude(pk=self.instance.pk)
        if (
            cleaned.get("kind") == DateKind.BIRTHDAY
            and others.filter(kind=DateKind.BIRTHDAY).exists()
        ):
            self.add_error(
                "kind", f"{person.name} already has a birthday here: change that one instead."
            )
        if self.instance.pk is None and others.count() >= MOST_DATES_PER_PERSON:
            raise forms.ValidationError(
                f"A person can have up to {MOST_DATES_PER_PERSON} dates. Delete one to add another."
            )
        return cleaned
