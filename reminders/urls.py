from django.urls import path

from reminders import views

urlpatterns = [
    path("r/<str:token>/", views.reminder_action, name="reminder_action"),
    path("email/unsubscribe/<str:token>/", views.reminder_unsubscribe, name="reminder_unsubscribe"),
    path("account/reminders/", views.reminder_preferences, name="reminder_preferences"),
]
