using System.Text.Json.Nodes;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Analysis;

/// <summary>
/// <c>GET /apis/weft.io/v1/analysis[?namespace=NS]</c>: the analyzers' findings about what is
/// stored (what `weft analyze` prints without files), at least as new as the store's revision
/// when the request arrived.
/// </summary>
internal static class AnalysisEndpoints
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app, AnalysisService analysis, ResourceService resources)
    {
        app.MapGet("/apis/weft.io/v1/analysis", (RequestDelegate)(async ctx =>
        {
            var ns = ctx.Request.Query["namespace"].ToString();
            var revision = (await resources.Store.StatusAsync(ctx.RequestAborted)).Revision;
            var report = await analysis.WaitForRevisionAsync(revision, CatchUp, ctx.RequestAborted);
            var items = new JsonArray();
            foreach (var f in report.Findings)
            {
                var subject = f.Subject.Object;
                if (ns.Length > 0 && subject.Namespace != ns)
                    continue;
                items.Add(new JsonObject
                {
                    ["code"] = f.Finding.Code,
                    ["name"] = f.Finding.Type.Name,
                    ["level"] = f.Finding.Level.ToString(),
                    ["origin"] = f.Finding.Origin,
                    ["message"] = f.Finding.Message,
                    ["group"] = f.Subject.Kind.Group,
                    ["kind"] = subject.Kind,
                    ["namespace"] = subject.Namespace,
                    ["objectName"] = subject.Name,
                });
            }
            await HttpJson.WriteAsync(ctx, 200, new JsonObject
            {
                ["apiVersion"] = "weft.io/v1",
                ["kind"] = "AnalysisResult",
                ["metadata"] = new JsonObject { ["resourceVersion"] = report.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            });
        }));
    }
}
