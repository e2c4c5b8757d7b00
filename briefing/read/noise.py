"""Regex tables for page noise in web-page text dumps, by kind; matched line by line.

Each table is a tuple of compiled patterns searched (not matched) against a stripped line.
Patterns describe page furniture in general, never the text of one sample article.
"""

from __future__ import annotations

import re


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_C = r"[:：]"  # half- or full-width colon

#: Lines that are page frame wherever they appear.
LINE_NOISE: dict[str, tuple[re.Pattern[str], ...]] = {
    "breadcrumb": _compile(
        r"^(首页|主页|当前位置|您的位置|你的位置|位置)\s*[:：>＞»/]",
        r"(>|＞|»|›)\s*正文\s*$",
        r"^\S+(\s*(>|＞|»|›)\s*\S+){2,}$",
        r"您的位置|你的位置|当前位置",
    ),
    "widget": _compile(
        r"字体\s*[:：]?\s*[〗】\]]?.*(大|中|小|〗)",
        r"【\s*(大|中|小)\s*】",
        r"背景色",
        r"打印本(稿|页|文)|【?\s*打印\s*】?\s*【?\s*关闭",
        r"^(【|〖)?\s*(关闭|打印|收藏|纠错)(窗口|本页)?\s*(】|〗)?$",
        r"^(长按|扫码|扫一扫).{0,12}$",
        r"二维码",
        r"^网站无障碍$|^无障碍浏览$|^(繁体|简体)(版|中文)?$",
        # a cookie-consent banner, a feed's post line (IP属地:…  发布于3分钟前)
        r"(?i)\bcookies?\b.{0,80}\b(agree|consent|accept)|\b(agree|consent|accept)\b.{0,80}\bcookies?\b",
        r"IP属地\s*[:：]|发布于\s*\d+\s*(秒|分钟|小时|天)前",
    ),
    "share": _compile(r"^分享", r"^(分享|收藏|点赞|评论|转发)(\s*\d*\s*)$"),
    "caption": _compile(
        rf"^[(（]?\s*(图片|照片|图|视频)(来源|作者|摄影|由){_C}?", r"^(摄影|摄)\s*[:：/]"
    ),
    "editor": _compile(
        rf"^[(（【\[]?\s*(责任编辑|责编|编辑|主编|审核|校对|一审|二审|三审|终审|值班编辑|编审|监制)\s*{_C}",
        rf"^[(（【\[]?\s*(责任编辑|责编){_C}?.*[)）】\]]$",
    ),
    "copyright": _compile(
        r"版权所有|版权归.*所有|版权声明|免责声明|特别声明|法律声明|权责申明",
        r"本(报|刊|网|站)拥有此文版权|未经(书面)?(授权|许可).{0,12}(转载|复制|使用)",
        r"转载请注明|转载注明来源|如需转载|本文(系|为).*(转载|原创)",
        r"(?i)copyright|all rights reserved|^©|\s©",
        r"原作者或来源媒体|涉及版权问题|本网站转载",
    ),
    "registration": _compile(
        r"ICP\s*(证|备|备案)?\s*[:：]?\s*[\d\s]+号?|ICP备\d+",
        r"公网安备\s*\d+",
        r"(许可证|备案号|许可证号|经营许可证)\s*[:：]?\s*[\w\-]*\d{5,}",
    ),
    "contact": _compile(
        rf"^(办公|联系|通讯|通信|单位|公司)?地址{_C}",
        rf"^邮\s*编{_C}|^邮政编码{_C}",
        rf"(联系|咨询|服务|举报|投稿|客服)?(电话|热线|传真){_C}\s*[\d\-（）()\s/]{{7,}}",
        r"(^|\s)(\+?86[\-\s]?)?(0\d{2,3}[\-\s]?)?\d{7,8}(/\d{3,4})?(\s|$)",
        r"\b1[3-9]\d{9}\b",
        r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
        rf"^(联系我们|关于我们|技术支持|售前咨询|售后服务|法律顾问){_C}?",
    ),
    "promotion": _compile(
        r"(班|期)招生|招生(简章|中)?$|认证培训$|培训班|训练营|课程(推荐|报名|招生)",
        r"(立即|马上|在线)(报名|咨询|购买)|点击(这里|此处|进入|查看|报名|购买)",
        r"^(广告|推广|赞助)(\s|$|[:：])|^AD\s",
        r"关注.{0,10}(公众号|微信号|官方微博)|下载.{0,6}(APP|客户端)",
    ),
    "navigation": _compile(
        r"^(上一篇|下一篇|上一条|下一条|返回(顶部|首页|列表)|打印本页|关闭窗口)",
        r"^(相关(阅读|新闻|文章|链接|推荐)|推荐阅读|延伸阅读|热门(推荐|文章|新闻)|猜你喜欢|服务推荐|精彩推荐|即时资讯|最新(资讯|文章)|更多)\s*[:：>]?\s*$",
    ),
    "counter": _compile(
        rf"(点击(次数|数|量|率)?|浏览(次数|量)?|阅读(次数|量|数)?|访问(次数|量)){_C}\s*\d+",
        r"^(阅读|浏览|点击)\s*\d+\s*(次)?$",
    ),
    "keywords": _compile(rf"^(关键词|关键字|标签|Tags?){_C}"),
    "summary": _compile(rf"^(摘要|导读|核心提示|内容提要|提要|原标题){_C}"),
}

#: Kinds that may take a whole line of prose (disclaimers are written in sentences).
PROSE_NOISE = ("editor", "copyright", "registration", "summary", "keywords", "contact")

#: Kinds whose line marks the end of the body: everything after it is footer.
FOOTER_START = ("editor", "copyright", "navigation")

#: A menu: three or more short CJK words separated by spaces, no punctuation.
MENU = re.compile(r"^[\u4e00-\u9fff]{2,6}(\s+[\u4e00-\u9fff]{2,6}){2,}(\s*[:：])?$")

#: Noise at the end of a body paragraph; group "noise" is trimmed off the paragraph.
TRAILING_INLINE = _compile(
    r"(?P<noise>[(（【\[]\s*(本报)?记者[^()（）【】\[\]]{1,30}[)）】\]])\s*$",
    r"(?P<noise>[(（【\[]\s*(本文)?(责任编辑|责编|编辑|作者|来源|通讯员|文|图)\s*[:：/][^()（）]{0,40}[)）】\]])\s*$",
    r"(?P<noise>[(（]\s*(完|终)\s*[)）])\s*$",
    r"(?P<noise>[(（]\s*(本文)?作者(是|系|为|单位|简介)[^()（）]{0,80}[)）])\s*$",
    r"(?P<noise>(转载|转载请|转载需)?注明(来源|出处)\s*[:：].*)$",
    r"(?P<noise>(原文链接|本文链接|原文地址)\s*[:：].*)$",
)

#: Noise at the start of a body paragraph: 本报讯 and news-agency datelines with bylines.
LEADING_INLINE = _compile(
    r"^(?P<noise>本(报|刊|网)讯\s*([(（][^()（）]{0,30}[)）])?\s*(报道)?\s*)",
    r"^(?P<noise>本报(记者|通讯员)\s*\S{2,4}\s*报道\s*)",
    # News-agency dateline, e.g. 新华社北京12月28日电（记者 王明）: the date and reporter are metadata.
    r"^(?P<noise>([\u4e00-\u9fff]{1,8}?(社|网|台|报))?[\u4e00-\u9fff]{0,6}?\d{1,2}月\s*\d{1,2}日\s*(电|讯)"
    r"\s*([(（][^()（）]{0,40}[)）])?\s*)",
    # A machine identifier left where an image stood (t0191b2d9afb16ec079 联合国…): twelve or
    # more letters and digits, at least four of each, before the first word of the paragraph.
    r"^(?P<noise>(?=[A-Za-z0-9]{12,}\s)(?=(?:[A-Za-z]*\d){4})(?=(?:\d*[A-Za-z]){4})[A-Za-z0-9]+\s+)",
)

#: Common surnames: a lone short name or a "张楠:标题" headline is a byline only with one of these.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝欧司上诸"
)

#: Values that mean "not stated".
UNKNOWN_VALUES = frozenset(
    {
        "未知",
        "佚名",
        "不详",
        "匿名",
        "网络",
        "互联网",
        "本站",
        "本网",
        "管理员",
        "admin",
        "unknown",
        "无",
    }
)


def noise_kind(line: str) -> str | None:
    """The kind of page noise `line` is, or None when it may be article text."""
    stripped = line.strip()
    if not stripped:
        return None
    if MENU.match(stripped):
        return "navigation"
    # A long line of sentences is body text unless frame noise opens it: body paragraphs may
    # mention an e-mail, a 培训班 or 版权 in passing, and ads or menus are never prose.
    prose = _looks_like_prose(stripped)
    reach = 24 if prose else len(stripped)
    for kind, patterns in LINE_NOISE.items():
        if prose and kind not in PROSE_NOISE:
            continue
        for pattern in patterns:
            m = pattern.search(stripped)
            if m and m.start() < reach:
                return kind
    return None


def _looks_like_prose(line: str) -> bool:
    return len(line) >= 30 and bool(re.search(r"[。！？!?]", line))
