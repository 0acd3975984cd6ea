using LlmSecOps.Core.Events;

namespace LlmSecOps.Storage.Events;

/// <summary>
/// What the writer thread takes from its queue: an event with its JSON (serialised by the caller,
/// so that work spreads over the callers' threads), or a flush marker completed once everything
/// before it is durable.
/// </summary>
internal readonly record struct WorkItem(LlmEvent? Event, string? Json, TaskCompletionSource? Flush);
