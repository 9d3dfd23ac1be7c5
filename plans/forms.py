import datetime

from django import forms
from django.utils.formats import date_format

from connection.lib.form_fields import ModelIdsField
from connection.lib.occurrences import LAST, local_time_exists, spread_weekdays
from landscape.choices import Channel, Energy, Feeling, PersonKind
from landscape.models import Person
from plans.content.plan_days import DayRecord
from plans.models import WEEKDAY_NAMES, Cadence, CheckInStatus, Ritual

GAP_RULE = (
    "Only matters at night, on the two days a year the clocks change: if the clocks skip "
    "your time, it happens an hour later that day (2:30 becomes 3:30); if they go back and "
    "repeat it, it happens the first time round."
)
WEEKDAY_CHOICES = [(str(i), name) for i, name in enumerate(WEEKDAY_NAMES)]
MONTH_WEEK_CHOICES = [
    ("", "Choose…"),
    ("1", "First"),
    ("2", "Second"),
    ("3", "Third"),
    ("4", "Fourth"),
    ("5", "Fifth"),
    (str(LAST), "Last"),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _feeling_field():
    return forms.ChoiceField(
        label="How did it feel?",
        choices=Feeling.choices,
        widget=forms.RadioSelect,
        initial=Feeling.NEUTRAL,
        required=False,
    )


def _people_field(owner, label, queryset=None, **kwargs):
    return ModelIdsField(
        queryset=queryset if queryset is not None else Person.objects.current().filter(owner=owner),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        **kwargs,
    )


class EnrollmentForm(forms.Form):
    starts_on = forms.DateField(label="Start on", widget=DateInput())
    reminder_time = forms.TimeField(
        label="Daily reminder time",
        widget=TimeInput(),
        initial=datetime.time(9, 0),
        help_text="Each day of the plan opens on its date in your time zone.",
    )

    def __init__(self, *args, today, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.zone = zone
        self.fields["starts_on"].initial = today

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < self.today:
            raise forms.ValidationError("Choose today or a day after it.")
        return starts_on

    def clean(self):
        data = super().clean()
        starts_on, at = data.get("starts_on"), data.get("reminder_time")
        if starts_on and at:
            for offset in range(7):
                day = starts_on + datetime.timedelta(days=offset)
                if not local_time_exists(day, at, self.zone):
                    self.add_error(
                        "reminder_time",
                        f"On {date_format(day, 'l j F')} the clocks skip {at:%H:%M} in your "
                        "time zone, so that time doesn't exist that day. Choose an earlier "
                        "or later time.",
                    )
                    break
        return data


class RitualForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="On which days?",
        help_text="For a weekly ritual.",
    )
    times_per_week = forms.IntegerField(
        required=False,
        label="How many times a week?",
        help_text="For a ritual a number of times a week: any day counts. Reminders and your "
        "calendar spread them through the week (3 → Monday, Wednesday, Friday).",
    )
    month_week = forms.TypedChoiceField(
        choices=MONTH_WEEK_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        label="Which one in the month?",
        help_text="For a monthly ritual.",
    )
    month_weekday = forms.TypedChoiceField(
        choices=[("", "Choose…"), *WEEKDAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        label="Which weekday?",
        help_text="For a monthly ritual.",
    )

    class Meta:
        model = Ritual
        fields = [
            "title",
            "description",
            "cadence",
            "weekdays",
            "times_per_week",
            "month_week",
            "month_weekday",
            "local_time",
            "duration_minutes",
            "people",
            "channel",
            "reminder_lead_minutes",
        ]
        labels = {
            "title": "What is it?",
            "description": "Notes (optional)",
            "cadence": "How often?",
            "local_time": "At what time?",
            "duration_minutes": "How long, in minutes?",
            "people": "With whom?",
            "channel": "How do you connect?",
            "reminder_lead_minutes": "Remind me this many minutes before",
        }
        help_texts = {"local_time": GAP_RULE}
        widgets = {
            "cadence": forms.RadioSelect,
            "local_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"] = _people_field(owner, "With whom?")
        self.fields["duration_minutes"].min_value = 1
        if self.instance.pk and self.instance.cadence == Cadence.MONTHLY:
            self.initial.setdefault("month_weekday", self.instance.weekdays[0])

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 24 * 60:
            raise forms.ValidationError("Choose between 1 minute and 24 hours (1440 minutes).")
        return minutes

    def clean_reminder_lead_minutes(self):
        minutes = self.cleaned_data["reminder_lead_minutes"]
        if minutes > 24 * 60:
            raise forms.ValidationError("Choose at most a day ahead (1440 minutes).")
        return minutes

    def clean(self):
        data = super().clean()
        cadence = data.get("cadence")
        if cadence == Cadence.WEEKLY:
            if not data.get("weekdays"):
                self.add_error("weekdays", "Choose at least one day of the week.")
            data["weekdays"] = sorted(set(data.get("weekdays") or ()))
            data["times_per_week"] = data["month_week"] = None
        elif cadence == Cadence.TIMES_PER_WEEK:
            times = data.get("times_per_week")
            if times is None:
                self.add_error("times_per_week", "Say how many times a week, from 1 to 7.")
            elif not 1 <= times <= 7:
                self.add_error(
                    "times_per_week",
                    "Choose from 1 to 7 times a week. For less often, try a monthly ritual.",
                )
            else:
                data["weekdays"] = list(spread_weekdays(times))
            data["month_week"] = None
        elif cadence == Cadence.MONTHLY:
            week, weekday = data.get("month_week"), data.get("month_weekday")
            if week == 5:
                self.add_error(
                    "month_week",
                    "Most months have only four of each weekday, so a fifth one would skip "
                    "months. Choose “Last” to meet on the final one every month.",
                )
            elif week is None:
                self.add_error("month_week", "Choose which one in the month.")
            if weekday is None:
                self.add_error("month_weekday", "Choose the weekday.")
            else:
                data["weekdays"] = [weekday]
            data["times_per_week"] = None
        elif cadence == Cadence.DAILY:
            data["weekdays"] = []
            data["times_per_week"] = data["month_week"] = None
        return data


class CheckInForm(forms.Form):
    occurrence = forms.ChoiceField(label="Which time?")
    status = forms.ChoiceField(
        label="How did it go?",
        choices=CheckInStatus.choices,
        widget=forms.RadioSelect,
        initial=CheckInStatus.DONE,
    )
    feeling = forms.ChoiceField(
        label="How did it feel? (optional)",
        choices=Feeling.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label="Note (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, occurrences, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_value = {instant.isoformat(): instant for instant in occurrences}
        self.fields["occurrence"].choices = [
            (value, date_format(instant.astimezone(zone), "l j F, H:i"))
            for value, instant in reversed(self.by_value.items())
        ]
        self.fields["occurrence"].error_messages["invalid_choice"] = (
            "That time has already been checked in, or is too far back. Choose one from the list."
        )

    def clean_occurrence(self):
        return self.by_value[self.cleaned_data["occurrence"]]


class DayForm(forms.Form):
    note = forms.CharField(
        label="A note for yourself (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner


class PickPeopleForm(DayForm):
    new_name_1 = forms.CharField(label="Someone new", max_length=2000, required=False)
    new_name_2 = forms.CharField(label="Someone else new", max_length=2000, required=False)
    new_name_3 = forms.CharField(label="One more new person", max_length=2000, required=False)
    messaged = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Who did you message? (optional)",
        empty_label="Not yet",
    )
    field_order = ["people", "new_name_1", "new_name_2", "new_name_3", "messaged", "note"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        # Day 1 is about people who lift you up: draining relationships are not offered.
        supportive = Person.objects.current().filter(owner=owner).exclude(energy=Energy.DRAINING)
        self.fields["people"] = _people_field(
            owner, "From the people in your life", queryset=supportive
        )
        self.fields["messaged"].queryset = supportive
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        names = [data.get(f"new_name_{i}", "").strip() for i in (1, 2, 3)]
        data["new_names"] = [name for name in names if name]
        chosen = len(data.get("people") or ()) + len(data["new_names"])
        if chosen == 0:
            raise forms.ValidationError(
                "Choose or add at least one person. Three is the aim, but one is a fine start."
            )
        if chosen > 3:
            raise forms.ValidationError(
                f"You chose {chosen} people. Keep it to the three who matter most today."
            )
        return data


class ConnectionForm(DayForm):
    new_name = forms.CharField(label="Or someone new", max_length=2000, required=False)
    channel = forms.ChoiceField(label="How?", choices=Channel.choices, initial=Channel.IN_PERSON)
    feeling = _feeling_field()
    field_order = ["people", "new_name", "channel", "feeling", "note"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        self.fields["people"] = _people_field(owner, "Who was it with?")
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        data["new_name"] = data.get("new_name", "").strip()
        if not data.get("people") and not data["new_name"]:
            raise forms.ValidationError("Choose who it was with, or add them by name.")
        return data


class GroupForm(DayForm):
    group = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="A group you have already added",
        empty_label="None of these",
    )
    new_group = forms.CharField(label="Or the new group's name", max_length=2000, required=False)
    feeling = _feeling_field()
    field_order = ["group", "new_group", "feeling", "note"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        self.fields["group"].queryset = Person.objects.current().filter(
            owner=owner, kind=PersonKind.GROUP
        )
        self.fields["note"].label = "When does it meet? Anything else to remember? (optional)"
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        data["new_group"] = data.get("new_group", "").strip()
        if not data.get("group") and not data["new_group"]:
            raise forms.ValidationError("Choose the group you joined, or write its name.")
        return data


class MicroForm(DayForm):
    feeling = _feeling_field()

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        self.fields["note"].label = "What did you do?"
        self.fields["note"].required = True
        self.fields["note"].error_messages["required"] = (
            "Write a few words about the moment, such as “smiled at the baker”."
        )
        self.order_fields(["note", "feeling"])


class ReflectionForm(DayForm):
    felt_best = forms.CharField(
        label="What felt best this week?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write what felt best, even in a few words."},
    )
    to_repeat = forms.CharField(
        label="What would you like to repeat or deepen next week?",
        max_length=200,
        required=False,
    )
    make_ritual = forms.BooleanField(
        label="Make it a weekly ritual",
        required=False,
        help_text="We'll set it up on this weekday at your reminder time; you can change it "
        "afterwards.",
    )
    field_order = ["felt_best", "to_repeat", "make_ritual", "note"]

    def clean(self):
        data = super().clean()
        if data.get("make_ritual") and not (data.get("to_repeat") or data.get("felt_best")):
            self.add_error("to_repeat", "Say what the ritual would be.")
        return data


DAY_FORMS = {
    DayRecord.PICK_PEOPLE: PickPeopleForm,
    DayRecord.LOG_CONNECTION: ConnectionForm,
    DayRecord.JOIN_GROUP: GroupForm,
    DayRecord.MICRO_CONNECTION: MicroForm,
    DayRecord.REFLECTION: ReflectionForm,
}
