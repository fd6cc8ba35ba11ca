using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Weft.Samples.Bookinfo.ProductPage;

/// <summary>
/// The HTML of Bookinfo's pages, self-contained (no CDN: the labs may have no internet). The
/// markers Istio's tests and tutorials look for are kept: <c>glyphicon-star</c> spans inside
/// <c>&lt;font color="black|red"&gt;</c>, and the "Error fetching product details!" /
/// "Error fetching product reviews!" headings when a service fails.
/// </summary>
public static class ProductPageHtml
{
    private const string Style = """
        <style>
          body { font-family: Helvetica, Arial, sans-serif; margin: 0; color: #333; }
          nav { background: #222; color: #fff; padding: 10px 20px; display: flex; justify-content: space-between; align-items: center; }
          nav a, nav button { color: #fff; }
          nav form { margin: 0; }
          main { max-width: 1100px; margin: 0 auto; padding: 10px 20px; }
          .summary { text-align: center; }
          .columns { display: flex; gap: 40px; flex-wrap: wrap; }
          .columns > section { flex: 1 1 400px; }
          h4 { color: #337ab7; text-align: center; }
          blockquote { border-left: 5px solid #eee; margin: 0 0 20px; padding: 10px 20px; }
          blockquote small { display: block; color: #777; }
          .glyphicon { font-size: 18px; }
          dt { font-weight: bold; } dd { margin: 0 0 8px; }
          .served { color: #777; font-size: 12px; }
        </style>
        """;

    public static string Index() => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Simple Bookstore App</title>{{Style}}</head>
        <body><nav><span>BookInfo Sample</span></nav>
        <main>
          <h3>Hello! This is a simple bookstore application consisting of three services as shown below</h3>
          <table border="1" cellpadding="6">
            <tr><th>name</th><th>endpoint</th><th>children</th></tr>
            <tr><td>productpage</td><td>/productpage</td><td>details, reviews</td></tr>
            <tr><td>details</td><td>/details/{id}</td><td></td></tr>
            <tr><td>reviews</td><td>/reviews/{id}</td><td>ratings (v2, v3)</td></tr>
            <tr><td>ratings</td><td>/ratings/{id}</td><td></td></tr>
          </table>
          <p>Click on one of the links below to auto generate a request to the backend as a real user or a tester</p>
          <p><a href="productpage?u=normal">Normal user</a></p>
          <p><a href="productpage?u=test">Test user</a></p>
        </main></body></html>
        """;

    public static string Page(ProductView view)
    {
        var sb = new StringBuilder(4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simple Bookstore App</title>")
          .Append(Style).Append("</head>\n<body>\n<nav><span>BookInfo Sample</span>");
        if (view.User is { } user)
            sb.Append("<span>").Append(HtmlEncode(user)).Append(" (<a href=\"logout\">sign out</a>)</span>");
        else
            sb.Append("<form method=\"post\" action=\"login\"><input type=\"text\" name=\"username\" placeholder=\"User name\">"
                + " <input type=\"password\" name=\"passwd\" placeholder=\"Password\"> <button type=\"submit\">Sign in</button></form>");
        sb.Append("</nav>\n<main>\n<section class=\"summary\"><h3>").Append(HtmlEncode(view.Product.Title)).Append("</h3>\n<p>")
          .Append(view.Product.DescriptionHtml).Append("</p></section>\n<div class=\"columns\">\n");
        Details(sb, view);
        Reviews(sb, view);
        sb.Append("</div>\n</main>\n</body></html>\n");
        return sb.ToString();
    }

    private static void Details(StringBuilder sb, ProductView view)
    {
        sb.Append("<section class=\"details\">\n");
        if (view.Details is not { } d)
        {
            sb.Append("<h4>Error fetching product details!</h4>\n<p>").Append(HtmlEncode(ProductView.DetailsUnavailable)).Append("</p>\n</section>\n");
            return;
        }
        sb.Append("<h4>Book Details</h4>\n<dl>\n");
        Item(sb, "Type:", d.Type);
        Item(sb, "Pages:", d.Pages.ToString(CultureInfo.InvariantCulture));
        Item(sb, "Publisher:", d.Publisher);
        Item(sb, "Language:", d.Language);
        Item(sb, "ISBN-10:", d.Isbn10);
        Item(sb, "ISBN-13:", d.Isbn13);
        sb.Append("</dl>\n</section>\n");
    }

    private static void Reviews(StringBuilder sb, ProductView view)
    {
        sb.Append("<section class=\"reviews\">\n");
        if (view.Reviews is not { } body)
        {
            sb.Append("<h4>Error fetching product reviews!</h4>\n<p>").Append(HtmlEncode(ProductView.ReviewsUnavailable)).Append("</p>\n</section>\n");
            return;
        }
        sb.Append("<h4>Book Reviews</h4>\n");
        foreach (var review in body.Reviews)
        {
            sb.Append("<blockquote>\n<p>").Append(HtmlEncode(review.Text)).Append("</p>\n<small>").Append(HtmlEncode(review.Reviewer)).Append("</small>\n");
            if (review.Rating is { Stars: { } stars } rating)
            {
                sb.Append("<font color=\"").Append(HtmlEncode(rating.Color ?? "black")).Append("\">\n");
                for (var i = 0; i < stars; i++)
                    sb.Append("<span class=\"glyphicon glyphicon-star\">&#9733;</span>\n");
                for (var i = stars; i < 5; i++)
                    sb.Append("<span class=\"glyphicon glyphicon-star-empty\">&#9734;</span>\n");
                sb.Append("</font>\n");
            }
            else if (review.Rating is { Error: { } error })
                sb.Append("<p><i>").Append(HtmlEncode(error)).Append("</i></p>\n");
            sb.Append("</blockquote>\n");
        }
        sb.Append("<p class=\"served\">Reviews served by: ").Append(HtmlEncode(view.ReviewsInstance ?? "reviews"))
          .Append(" on ").Append(HtmlEncode(body.PodName)).Append("</p>\n</section>\n");
    }

    private static void Item(StringBuilder sb, string term, string value) =>
        sb.Append("<dt>").Append(term).Append("</dt><dd>").Append(HtmlEncode(value)).Append("</dd>\n");
}
