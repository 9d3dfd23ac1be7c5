from django.urls import path

from landscape import assessment_views, date_views, interaction_views, people_views

urlpatterns = [
    path("people/", people_views.people, name="people"),
    path("people/new/", people_views.person_new, name="person_new"),
    path("people/<int:pk>/", people_views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<int:pk>/archive/", people_views.person_archive, name="person_archive"),
    path("people/<int:pk>/delete/", people_views.person_delete, name="person_delete"),
    path("people/<int:pk>/dates/new/", date_views.date_new, name="date_new"),
    path("dates/<int:pk>/", date_views.date_edit, name="date_edit"),
    path("dates/<int:pk>/delete/", date_views.date_delete, name="date_delete"),
    path("connections/new/", interaction_views.log_connection, name="log_connection"),
    path("connections/quick/", interaction_views.quick_log, name="quick_log"),
    path("connections/micro/", interaction_views.micro_log, name="micro_log"),
    path("assessment/", assessment_views.assessment_start, name="assessment"),
    path("assessment/history/", assessment_views.assessment_history, name="assessment_history"),
    path(
        "assessment/<int:pk>/results/",
        assessment_views.assessment_results,
        name="assessment_results",
    ),
    path("assessment/feelings/<int:pk>/", assessment_views.assessment_rate, name="assessment_rate"),
    path("assessment/<slug:step>/", assessment_views.assessment_step, name="assessment_step"),
]
