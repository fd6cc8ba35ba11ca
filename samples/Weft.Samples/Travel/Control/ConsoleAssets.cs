using System.Collections.Frozen;

namespace Weft.Samples.Travel.Control;

/// <summary>
/// The dashboard's files, embedded in the binary (plain HTML, CSS and JS: no build step), or
/// read from WEBROOT when that is set, as the demo's control reads ./html.
/// </summary>
public sealed class ConsoleAssets
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary();

    private readonly string? _webRoot;

    public ConsoleAssets(string? webRoot) => _webRoot = webRoot;

    public static IReadOnlyList<string> Files { get; } = ["index.html", "travel_control.css", "travel_control.js"];

    public async Task<bool> TryServeAsync(HttpContext ctx, string file)
    {
        if (!Files.Contains(file))
            return false;
        Stream? content = _webRoot is not null && File.Exists(Path.Combine(_webRoot, file))
            ? File.OpenRead(Path.Combine(_webRoot, file))
            : typeof(ConsoleAssets).Assembly.GetManifestResourceStream("console/" + file);
        if (content is null)
            return false;
        await using (content)
        {
            ctx.Response.ContentType = Types[Path.GetExtension(file)];
            ctx.Response.Headers.CacheControl = "no-cache";
            await content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
        return true;
    }
}
