#!/usr/bin/env python3
"""Writes the benchmark's newsletters (src/main/resources/newsletters/*.html): HTML shaped like real
ESP mail (nested layout tables, inlined CSS, MSO conditionals, many tracked links, pixels, logos).
Deterministic, so that figures stay comparable between runs."""
import random

ESPS = {
    "retail": ("https://shop{n}.us6.list-manage.com/track/click?u=3f8ead3956138ed9f4b82e956&id={id}&e=6896c4226b",
               "https://shop.us6.list-manage.com/track/open.php?u=3f8ead39&id=5c8e6c8b2f&e=6896c4226b"),
    "saas": ("https://u2091057.ct.sendgrid.net/ls/click?upn=u001.veKfAPXC1qPnupxdHW-wU36wwbd{id}",
             "https://u2091057.ct.sendgrid.net/wf/open?upn=u001.BAsPMdabnt4Fjsnez-rqXxJ6"),
    "news": ("https://d2v8tf04.na1.hubspotlinks.com/Ctc/5D+113/d2v8tf04/VW{id}",
             "https://t.hubspotemail.net/e2t/to/VWcJYN1{id}"),
}
WORDS = ("spring sale order delivery account invoice product support update team news report garden "
         "price offer free shipping store customer review weekly digest feature release security").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def link(rng, kind, i):
    wrapper, _ = ESPS[kind]
    choice = rng.random()
    if choice < 0.4:
        return wrapper.format(n=i % 3, id="%08x" % rng.getrandbits(32))
    if choice < 0.85:
        return ("https://www.%s.example/p/%d?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=w%d"
                "&amp;mc_cid=5c8e6c8b2f&amp;mc_eid=6896c4226b&amp;ref=%d" % (kind, i, i % 9, i))
    return "https://www.%s.example/c/%d" % (kind, i)


def newsletter(kind, items, seed):
    rng = random.Random(seed)
    out = ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>%s weekly</title>' % kind,
           '<style type="text/css">body{margin:0;padding:0}table{border-collapse:collapse}img{border:0;outline:none}'
           '.btn a{color:#ffffff;text-decoration:none}@media only screen and (max-width:480px){.col{width:100%!important}}</style>',
           '<!--[if mso]><style>table{mso-table-lspace:0pt;mso-table-rspace:0pt}</style><![endif]--></head>',
           '<body style="margin:0;padding:0;background-color:#f4f4f4">',
           '<div style="display:none;max-height:0;overflow:hidden">%s</div>' % sentence(rng, 14),
           '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f4f4"><tr><td align="center">',
           '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff">',
           '<tr><td style="padding:20px"><a href="%s"><img src="https://cdn.%s.example/mail/logo.png" width="150" height="40" alt="%s" style="display:block"></a></td></tr>'
           % (link(rng, kind, 0), kind, kind)]
    for i in range(1, items + 1):
        out.append('<tr><td class="col" style="padding:10px 20px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#333333">'
                   '<table role="presentation" width="100%%" cellpadding="0" cellspacing="0"><tr>'
                   '<td width="180" valign="top"><a href="%s"><img src="https://cdn.%s.example/img/p%d.jpg" width="160" height="120" alt="Product %d" style="display:block;border:0"></a></td>'
                   '<td valign="top" style="padding-left:12px"><h2 style="margin:0 0 6px 0;font-size:18px;color:#111111"><a href="%s" style="color:#111111;text-decoration:none">%s</a></h2>'
                   '<p style="margin:0 0 8px 0">%s %s</p>'
                   '<table role="presentation" cellpadding="0" cellspacing="0" class="btn"><tr><td bgcolor="#e4572e" style="border-radius:4px;padding:8px 14px">'
                   '<a href="%s" style="color:#ffffff;font-weight:bold;text-decoration:none">Shop now &rarr;</a></td></tr></table>'
                   '</td></tr></table></td></tr>'
                   % (link(rng, kind, i), kind, i, i, link(rng, kind, i), sentence(rng, 5), sentence(rng, 25), sentence(rng, 18), link(rng, kind, i)))
    out.append('<tr><td style="padding:20px;font-family:Arial,sans-serif;font-size:12px;color:#888888">%s<br>' % sentence(rng, 30))
    out.append('<a href="https://www.%s.example/unsubscribe?mkt_tok=rhlQ3SHpZEzu61bWieb8XVdq&amp;e=1" style="color:#888888">Unsubscribe</a> | '
               '<a href="https://www.%s.example/preferences?utm_source=footer" style="color:#888888">Preferences</a></td></tr>' % (kind, kind))
    out.append('</table></td></tr></table><img src="%s" width="1" height="1" alt="" style="display:none !important"></body></html>' % ESPS[kind][1])
    return "\n".join(out)


for kind, items, seed in (("retail", 40, 1), ("saas", 110, 2), ("news", 125, 3)):
    html = newsletter(kind, items, seed)
    with open("src/main/resources/newsletters/%s.html" % kind, "w", encoding="utf-8") as f:
        f.write(html)
    print(kind, len(html.encode("utf-8")), "bytes", html.count("<a "), "links")
