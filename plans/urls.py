from django.urls import include, path

from plans import guide_views

urlpatterns = [
    path("guide/", guide_views.guide_index, name="guide"),
    path("guide/<slug:slug>/", guide_views.guide_section, name="guide_section"),
    path("", include("plans.reminders.urls")),
]
