using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeHub.Tests.Browser;

/// <summary>One user's tab on the chat page, driven only through the element ids of CONTRACT §7.</summary>
public sealed class ChatPage : ShellPage
{
    private ChatPage(PageContext opened, string userName)
        : base(opened, userName)
    {
    }

    public ILocator Typing => Page.Locator("#typing");

    /// <summary>Stored messages only: each has a sequence; messages still being sent are not <c>.message</c>.</summary>
    public ILocator Messages => Page.Locator("#messages .message");

    public ILocator MessageTexts => Page.Locator("#messages .message .text");

    public ILocator PendingMessages => Page.Locator("#messages .pending-message");

    public ILocator Members => Page.Locator("#members .member");

    /// <summary>Opens the page in a fresh browser context; query carries the page's test switches (e.g. a short backoff).</summary>
    public static async Task<ChatPage> OpenAsync(IBrowser browser, Uri baseUri, string userName, string query, int width, int height)
        => new(await OpenPageAsync(browser, baseUri, "/" + query, width, height), userName);

    public async Task JoinAsync(string room)
    {
        await Page.Locator("#roomName").FillAsync(room);
        await Page.Locator("#joinRoom").ClickAsync();
        await Expect(Member(UserName)).ToBeVisibleAsync();
    }

    /// <summary>Types the text and presses Enter, as a user sends.</summary>
    public async Task SendAsync(string text)
    {
        await Page.Locator("#messageInput").FillAsync(text);
        await Page.Locator("#messageInput").PressAsync("Enter");
    }

    public ILocator Member(string userId) => Page.Locator($"#members .member[data-user-id=\"{userId}\"]");

    /// <summary>Stored messages whose text is exactly this.</summary>
    public ILocator MessagesWithText(string text) =>
        Messages.Filter(new LocatorFilterOptions { Has = Page.Locator(".text", new PageLocatorOptions { HasTextRegex = Exactly(text) }) });

    public ILocator Conversation(string title) =>
        Page.Locator("#roomList [data-conversation]", new PageLocatorOptions { HasText = title });

    private static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");
}
