using LlmSecOps.Core.Events;

namespace LlmSecOps.Storage.Events;

/// <summary>An event with its stored JSON form, serialised once and used for both the row and the spool.</summary>
internal readonly record struct PendingEvent(LlmEvent Event, string Json);
