from .base import SEARCH_BUTTON, EntryForm, YouthPicker, youth_picker_for_search
from .entries import CollectiveActionForm, InterventionForm, PartnershipMeetingForm, PresenceSessionForm

__all__ = [
    "SEARCH_BUTTON",
    "CollectiveActionForm",
    "EntryForm",
    "InterventionForm",
    "PartnershipMeetingForm",
    "PresenceSessionForm",
    "YouthPicker",
    "youth_picker_for_search",
]
