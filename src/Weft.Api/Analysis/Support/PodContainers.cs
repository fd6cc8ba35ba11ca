using Weft.Api.Documents;

namespace Weft.Api.Analysis.Support;

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
