from django.urls import path

from accounts import verification, views

urlpatterns = [
    path("welcome/", views.welcome, name="welcome"),
    path("account/settings/", views.account_settings, name="account_settings"),
    path("account/export/", views.export_data, name="account_export"),
    path("account/delete/", views.delete_account, name="account_delete"),
    path("account/deleted/", views.account_deleted, name="account_deleted"),
    path(
        "accounts/confirm-email/resend/",
        verification.resend_confirmation,
        name="account_resend_confirmation",
    ),
]
