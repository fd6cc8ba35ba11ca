using System.Globalization;
using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Bookinfo.Details;

/// <summary>details: <c>GET /details/{id}</c> answers the book's details; a non-numeric id is 400.</summary>
public sealed class DetailsSample : ISample
{
    public string Name => "details";

    public int DefaultPort => 9080;

    public Instance Configure(IServiceCollection services, EnvReader env) => BookinfoEnvironment.Instance(env, Name);

    public void Map(WebApplication app)
    {
        app.MapGet("/health", ctx => ctx.Response.WriteJsonAsync(new BookinfoHealth("Details is healthy"), SampleJson.Default.BookinfoHealth, ctx.RequestAborted));
        app.MapGet("/details/{id}", ctx =>
        {
            if (!int.TryParse((string)ctx.Request.RouteValues["id"]!, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                return ctx.Response.WriteJsonAsync(new ErrorBody("please provide numeric product id"), SampleJson.Default.ErrorBody, ctx.RequestAborted);
            }
            return ctx.Response.WriteJsonAsync(BookDetails.For(id), SampleJson.Default.BookDetails, ctx.RequestAborted);
        });
    }
}
