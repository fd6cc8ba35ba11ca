using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>WorkloadGroup.ObjectMeta: labels and annotations given to every generated WorkloadEntry.</summary>
[WireNullsAreAbsent]
public sealed record WorkloadGroupMetadata
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
