using System.Globalization;
using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Bookinfo.ProductPage;

/// <summary>
/// productpage: the store's page (<c>/productpage</c>) and its JSON API
/// (<c>/api/v1/products[/{id}[/reviews|/ratings]]</c>). Like Istio's, it asks details then
/// reviews, each with a 3 s timeout, and tries reviews twice (the "bug" Istio's fault-injection
/// task is built on); a failed service becomes an error on the page, never a failed page.
/// Signing in (<c>POST /login</c>) sends <c>end-user: &lt;name&gt;</c> on its calls.
/// </summary>
public sealed class ProductPageSample : ISample
{
    private const string UserCookie = "user";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public string Name => "productpage";

    public int DefaultPort => 9080;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        services.AddSingleton(new ProductPageTargets(
            BookinfoEnvironment.ServiceUrl(env, "details"),
            BookinfoEnvironment.ServiceUrl(env, "reviews"),
            BookinfoEnvironment.ServiceUrl(env, "ratings")));
        return BookinfoEnvironment.Instance(env, Name);
    }

    public void Map(WebApplication app)
    {
        var targets = app.Services.GetRequiredService<ProductPageTargets>();
        var downstream = app.Services.GetRequiredService<Downstream>();

        app.MapGet("/", ctx => HtmlAsync(ctx, ProductPageHtml.Index()));
        app.MapGet("/index.html", ctx => HtmlAsync(ctx, ProductPageHtml.Index()));
        app.MapGet("/health", ctx => ctx.Response.WriteAsync("Product page is healthy", ctx.RequestAborted));

        app.MapGet("/productpage", async ctx =>
        {
            var product = Product.All[0];
            var headers = ForwardHeaders(ctx);
            var details = await DetailsAsync(product.Id, headers, downstream, targets, ctx.RequestAborted);
            var reviews = await ReviewsAsync(product.Id, headers, downstream, targets, ctx.RequestAborted);
            var view = new ProductView(product, User(ctx),
                Succeeded(details) ? 200 : Status(details), Succeeded(details) ? details.Json(SampleJson.Default.BookDetails) : null,
                Succeeded(reviews) ? 200 : Status(reviews), Succeeded(reviews) ? reviews.Json(SampleJson.Default.ReviewsBody) : null,
                reviews.Instance);
            await HtmlAsync(ctx, ProductPageHtml.Page(view));
        });

        app.MapPost("/login", async ctx =>
        {
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var user = form["username"].ToString().Trim();
            if (user.Length > 0)
                ctx.Response.Cookies.Append(UserCookie, user, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
            ctx.Response.Redirect("productpage");
        });

        app.MapGet("/logout", ctx =>
        {
            ctx.Response.Cookies.Delete(UserCookie, new CookieOptions { Path = "/" });
            ctx.Response.Redirect("productpage");
            return Task.CompletedTask;
        });

        app.MapGet("/api/v1/products", ctx => ctx.Response.WriteJsonAsync(Product.All, SampleJson.Default.IReadOnlyListProduct, ctx.RequestAborted));

        app.MapGet("/api/v1/products/{id:int}", async ctx =>
        {
            var r = await DetailsAsync(Id(ctx), ForwardHeaders(ctx), downstream, targets, ctx.RequestAborted);
            await PassOnAsync(ctx, r, ProductView.DetailsUnavailable);
        });

        app.MapGet("/api/v1/products/{id:int}/reviews", async ctx =>
        {
            var r = await ReviewsAsync(Id(ctx), ForwardHeaders(ctx), downstream, targets, ctx.RequestAborted);
            await PassOnAsync(ctx, r, ProductView.ReviewsUnavailable);
        });

        app.MapGet("/api/v1/products/{id:int}/ratings", async ctx =>
        {
            var r = await downstream.GetAsync($"{targets.Ratings}/ratings/{Id(ctx)}", ForwardHeaders(ctx), CallTimeout, ctx.RequestAborted);
            await PassOnAsync(ctx, r, "Sorry, product ratings are currently unavailable for this book.");
        });
    }

    private static Task<DownstreamResponse> DetailsAsync(int id, Forwarded headers, Downstream downstream, ProductPageTargets targets, CancellationToken ct) =>
        downstream.GetAsync($"{targets.Details}/details/{id}", headers, CallTimeout, ct);

    /// <summary>Two tries, as Istio's productpage: with a 7 s fault on ratings that is 6 s before the page gives up.</summary>
    private static async Task<DownstreamResponse> ReviewsAsync(int id, Forwarded headers, Downstream downstream, ProductPageTargets targets, CancellationToken ct)
    {
        var r = await downstream.GetAsync($"{targets.Reviews}/reviews/{id}", headers, CallTimeout, ct);
        if (Succeeded(r))
            return r;
        return await downstream.GetAsync($"{targets.Reviews}/reviews/{id}", headers, CallTimeout, ct);
    }

    /// <summary>The inbound trace and user headers, plus <c>end-user</c> for a signed-in user (what "jason" routes match).</summary>
    private static Forwarded ForwardHeaders(HttpContext ctx)
    {
        var headers = Forwarded.From(ctx.Request, PropagatedHeaders.Bookinfo);
        return User(ctx) is { } user ? headers.With("end-user", user) : headers;
    }

    private static string? User(HttpContext ctx) =>
        ctx.Request.Cookies.TryGetValue(UserCookie, out var u) && u.Length > 0 ? u : null;

    private static int Id(HttpContext ctx) => int.Parse((string)ctx.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);

    /// <summary>Istio's productpage takes only a 200 as an answer.</summary>
    private static bool Succeeded(DownstreamResponse r) => r.Failure is null && r.Status == 200;

    /// <summary>The status productpage reports for a failed call: the service's own, or 500 when it gave none.</summary>
    private static int Status(DownstreamResponse r) => r.Failure is null && r.Status >= 400 ? r.Status : 500;

    private static async Task PassOnAsync(HttpContext ctx, DownstreamResponse r, string unavailable)
    {
        if (Succeeded(r))
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(r.Body, ctx.RequestAborted);
            return;
        }
        ctx.Response.StatusCode = Status(r);
        await ctx.Response.WriteJsonAsync(new ErrorBody(unavailable), SampleJson.Default.ErrorBody, ctx.RequestAborted);
    }

    private static Task HtmlAsync(HttpContext ctx, string html)
    {
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.WriteAsync(html, ctx.RequestAborted);
    }
}
