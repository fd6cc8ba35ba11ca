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

/// <summary>Reads the containers of a pod spec (<c>containers</c> and <c>initContainers</c>).</summary>
internal static class PodContainers
{
    public static IEnumerable<PodContainer> Of(MapNode? podSpec, string field = "containers")
    {
        if (podSpec?[field] is not SeqNode seq)
            yield break;
        foreach (var item in seq.Items)
            if (item is MapNode m)
                yield return new PodContainer(m.GetString("name"), m.GetString("image"), m);
    }

    public static IEnumerable<PodContainer> All(MapNode? podSpec) => Of(podSpec).Concat(Of(podSpec, "initContainers"));
}
