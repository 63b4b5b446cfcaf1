"""A small Django REST framework service for bench/drf.py: one file, no models.

    DRF_DATA=data.json python3 bench/drf_app.py runserver 127.0.0.1:PORT --noreload
    DRF_DATA=data.json python3 bench/drf_app.py generateschema --format openapi-json

DRF's own conventions, as its users meet them: a `DefaultRouter` (the API root at `/api/`,
every path ending in `/`), viewsets looked up by number, by slug and by UUID, `@action` routes
both on the collection (`/api/users/me/`, `/api/projects/featured/`) and on an item
(`/api/projects/{slug}/members/`), a nested collection by hand
(`/api/projects/{slug}/tasks/{id}/`), a small vocabulary (`/api/tags/{name}/`), limit/offset
pagination (one `count`/`next`/`previous`/`results` envelope for every list), DRF's one 404
body (`{"detail": "No Project matches the given query."}`-like) for every endpoint, and an
item action that answers a PDF. The data comes from DRF_DATA (written by bench/drf.py), so the
bench knows every value. The truth is what DRF's own schema generator (`generateschema`)
says the service serves.
"""
import json
import os
import sys

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-only-not-a-secret",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    DATABASES={},
    MIDDLEWARE=[],
    LOGGING_CONFIG=None,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework import routers, viewsets  # noqa: E402
from rest_framework.decorators import action  # noqa: E402
from rest_framework.exceptions import NotFound  # noqa: E402
from rest_framework.pagination import LimitOffsetPagination  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

DATA = json.load(open(os.environ["DRF_DATA"])) if os.environ.get("DRF_DATA") else {
    "users": [], "projects": [], "orders": [], "tags": [], "tasks": {}}


class Pages(LimitOffsetPagination):
    default_limit = 20


def find(items, key, value, what):
    for item in items:
        if str(item[key]) == value:
            return item
    raise NotFound(f"No {what} matches the given query.")


class Listed(viewsets.ViewSet):
    """list and retrieve over DATA[kind], looked up by `lookup_field`."""
    kind = ""
    what = ""
    lookup_field = "pk"
    key = "id"

    def list(self, request):
        pages = Pages()
        return pages.get_paginated_response(pages.paginate_queryset(DATA[self.kind], request, view=self))

    def retrieve(self, request, **kw):
        return Response(find(DATA[self.kind], self.key, kw[self.lookup_field], self.what))


class Users(Listed):
    kind, what = "users", "User"
    lookup_value_regex = "[0-9]+"

    @action(detail=False)
    def me(self, request):
        return Response(dict(DATA["users"][0], permissions=["view", "change"], is_staff=True))

    @action(detail=True)
    def followers(self, request, pk=None):
        find(DATA["users"], "id", pk, "User")
        return Response({"count": 2, "results": [{"id": u["id"], "username": u["username"]} for u in DATA["users"][:2]]})


class Projects(Listed):
    kind, what, lookup_field, key = "projects", "Project", "slug", "slug"
    lookup_value_regex = "[-a-zA-Z0-9_.]+"

    @action(detail=False)
    def featured(self, request):
        return Response([{"slug": p["slug"], "stars": p["stars"]} for p in DATA["projects"][:3]])

    @action(detail=True)
    def members(self, request, slug=None):
        p = find(DATA["projects"], "slug", slug, "Project")
        return Response([{"user": u, "role": "maintainer"} for u in p["members"]])

    @action(detail=True)
    def stats(self, request, slug=None):
        p = find(DATA["projects"], "slug", slug, "Project")
        return Response({"open_tasks": len(DATA["tasks"].get(slug, [])), "stars": p["stars"], "forks": 3})


class Tasks(viewsets.ViewSet):
    lookup_value_regex = "[0-9]+"

    def list(self, request, slug=None):
        find(DATA["projects"], "slug", slug, "Project")
        pages = Pages()
        return pages.get_paginated_response(pages.paginate_queryset(DATA["tasks"].get(slug, []), request, view=self))

    def retrieve(self, request, slug=None, pk=None):
        return Response(find(DATA["tasks"].get(slug, []), "id", pk, "Task"))


class Orders(Listed):
    kind, what = "orders", "Order"
    lookup_value_regex = "[0-9a-f-]{36}"

    @action(detail=True)
    def invoice(self, request, pk=None):
        find(DATA["orders"], "id", pk, "Order")
        return HttpResponse(b"%PDF-1.7\n% bench invoice\n", content_type="application/pdf")


class Tags(Listed):
    kind, what, lookup_field, key = "tags", "Tag", "name", "name"
    lookup_value_regex = "[a-z0-9-]+"


class Health(APIView):
    def get(self, request):
        return Response({"status": "ok", "checks": {"db": "ok", "cache": "ok"}})


router = routers.DefaultRouter()
router.register("users", Users, basename="user")
router.register("projects", Projects, basename="project")
router.register("orders", Orders, basename="order")
router.register("tags", Tags, basename="tag")
tasks_list = Tasks.as_view({"get": "list"})
tasks_item = Tasks.as_view({"get": "retrieve"})

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/projects/<str:slug>/tasks/", tasks_list),
    path("api/projects/<str:slug>/tasks/<int:pk>/", tasks_item),
    path("api/health/", Health.as_view()),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
