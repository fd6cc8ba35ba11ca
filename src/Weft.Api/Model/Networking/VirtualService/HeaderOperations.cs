using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Set (overwrite), add (append) and remove headers.</summary>
[WireNullsAreAbsent]
public sealed record HeaderOperations
{
    public IReadOnlyDictionary<string, string>? Set { get; init; }
    public IReadOnlyDictionary<string, string>? Add { get; init; }
    public IReadOnlyList<string>? Remove { get; init; }
}
