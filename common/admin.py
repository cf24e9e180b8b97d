"""Admin lists that accept only the filters they declare.

Django's admin accepts any lookup on a model's own fields in the query string, so whoever can
see a list could run `?token__startswith=…` or `?email__regex=…` and read a field the list never
shows. The admins of patient data use this mixin: a lookup is allowed only on a field of the
list's own filters or date hierarchy, only in the forms those filters make, and only with a
value they could make; anything else is refused (400).
"""

# The lookups Django's own list filters and date hierarchy put in the query string.
FILTER_LOOKUPS = {"exact", "isnull", "gte", "lt", "id__exact"}
DATE_PARTS = {"year": (1, 9998), "month": (1, 12), "day": (1, 31)}


class DeclaredFiltersOnly:
    def lookup_allowed(self, lookup, value, request):
        if "\x00" in str(value):
            return False
        if lookup in self._filter_parameters():
            return True  # the filter itself judges its value
        field, _, kind = lookup.partition("__")
        if field == self.date_hierarchy and kind in DATE_PARTS:
            low, high = DATE_PARTS[kind]
            return str(value).isdigit() and low <= int(value) <= high
        declared = {f if isinstance(f, str) else f[0] for f in self.list_filter if not callable(f)}
        return field in declared and kind in FILTER_LOOKUPS

    def _filter_parameters(self):
        """The query-string names of the list's own filter classes (SimpleListFilter)."""
        return {getattr(f, "parameter_name", None) for f in self.list_filter if callable(f)}

    def declared_filters_used(self, request):
        """The filters in the request's query string, for the audit log: the names and values
        of declared filters only, never a search term."""
        used = []
        for name, value in sorted(request.GET.items()):
            field = name.partition("__")[0]
            if self.lookup_allowed(name, value, request):
                used.append(f"{name}={value}"[:80])
            elif field == "q" and value:
                used.append("a search")
        return ", ".join(used) or "none"
