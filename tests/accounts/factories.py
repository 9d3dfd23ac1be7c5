"""Accounts for the tests: a user with a primary, verified email address by default."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-Passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n + 1}@example.com")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # create_user hashes the password, as signing up does.
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=user, email=user.email, verified=extracted is not False, primary=True
            )
