from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from connection import views

# The admin signs in through allauth too: same rate limits, same two-factor.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Kindred administration"

urlpatterns = [
    path("", views.root, name="landing"),
    path("today/", views.today, name="today"),
    # /healthz (liveness) is answered by connection.health.LivenessMiddleware.
    path("readyz", views.readyz, name="readyz"),
    path("", include("landscape.urls")),
    path("", include("accounts.urls")),
    path("", include("plans.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
