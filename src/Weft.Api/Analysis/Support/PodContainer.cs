using Weft.Api.Documents;

namespace Weft.Api.Analysis.Support;

/// <summary>A container of a pod spec stored as written: its name, image and security context.</summary>
internal sealed record PodContainer(string? Name, string? Image, MapNode Node)
{
    public long? RunAsUser => RunAsUserOf(Node);

    /// <summary>The <c>securityContext.runAsUser</c> of a pod spec or container, when written as an integer.</summary>
    public static long? RunAsUserOf(MapNode? node) =>
        node?.GetMap("securityContext")?["runAsUser"] is ScalarNode { Kind: ScalarKind.Integer } s
        && long.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : null;
}
