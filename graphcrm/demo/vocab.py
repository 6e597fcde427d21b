"""Word lists for the demo CRM: English and Chinese people, companies, places and channels.

Small, hand-made and shipped with the package, so the demo needs no download
and no Faker. Chinese names are in simplified characters; cities carry their
province (or US state), telephone area code and sales region.
"""

from __future__ import annotations

# -- people -------------------------------------------------------------------------------

FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
    "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
    "Donald", "Ashley", "Steven", "Katherine", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle",
    "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah", "Ronald", "Stephanie",
    "Jason", "Rebecca", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Kathleen", "Gary", "Amy",
    "Nicholas", "Angela", "Eric", "Helen", "Jonathan", "Anna", "Stephen", "Samantha", "Larry", "Christine",
    "Justin", "Victoria", "Benjamin", "Alexandra", "Samuel", "Abigail", "Gregory", "Jacqueline", "Alexander",
    "Olivia", "Patrick", "Emma", "Frank", "Sophia", "Raymond", "Madison", "Jack", "Natalie", "Dennis", "Grace",
    "Jerry", "Priya", "Tyler", "Mei", "Aaron", "Fatima", "Jose", "Maria", "Ahmed", "Yuki",
)
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
    "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
    "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
    "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
    "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
    "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
    "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
    "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
    "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham",
    "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson",
    "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall", "Owens",
    "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells", "Vargas", "Henry",
    "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter",
    "Hunter", "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt", "Hicks",
    "Holmes", "Palmer", "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren",
    "Mills", "Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto",
    "Weaver", "Ryan", "Gardner", "Payne", "Grant", "Dunn", "Kelley", "Spencer", "Hawkins", "Arnold",
    "Pierce", "Vazquez", "Hansen", "Peters", "Santos", "Hart", "Bradley", "Knight", "Elliott", "Cunningham",
    "Duncan", "Armstrong", "Hudson", "Carroll", "Lane", "Riley", "Andrews", "Alvarado", "Ray", "Delgado",
    "Berry", "Perkins", "Hoffman", "Johnston", "Matthews", "Pena", "Richards", "Contreras", "Willis",
    "Carpenter", "Lawrence", "Sandoval", "Golden", "Blair", "O'Brien", "Dubois", "Kowalski", "Novak",
)
NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Katherine": "Kate", "Michael": "Mike",
    "Richard": "Rick", "Joseph": "Joe", "Thomas": "Tom", "Christopher": "Chris", "Daniel": "Dan",
    "Matthew": "Matt", "Anthony": "Tony", "Steven": "Steve", "Andrew": "Andy", "Joshua": "Josh",
    "Kenneth": "Ken", "Timothy": "Tim", "Jonathan": "Jon", "Benjamin": "Ben", "Alexander": "Alex",
    "Nicholas": "Nick", "Samuel": "Sam", "Jennifer": "Jenny", "Patricia": "Pat", "Margaret": "Peggy",
    "Rebecca": "Becky", "Deborah": "Debbie", "Cynthia": "Cindy", "Kathleen": "Kathy", "Stephanie": "Steph",
    "James": "Jim", "John": "Jack", "David": "Dave", "Charles": "Charlie", "Donald": "Don", "Susan": "Sue",
    "Jessica": "Jess", "Barbara": "Barb", "Christine": "Chris", "Victoria": "Vicky", "Alexandra": "Alex",
    "Abigail": "Abby", "Jacqueline": "Jackie", "Gregory": "Greg", "Patrick": "Pat", "Raymond": "Ray",
    "Samantha": "Sam", "Jeffrey": "Jeff", "Ronald": "Ron", "Gerald": "Jerry", "Lawrence": "Larry",
    "Dennis": "Denny", "Natalie": "Nat", "Amanda": "Mandy", "Melissa": "Missy", "Pamela": "Pam",
    "Stephen": "Steve", "Frank": "Frankie", "Olivia": "Liv", "Madison": "Maddie", "Emily": "Em",
}

# Chinese surnames, roughly by frequency (earlier ones are drawn more often).
CN_SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
    "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
    "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱",
    "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱",
    "严", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "司马", "上官", "诸葛",
)
CN_GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
    "平", "刚", "秀英", "建华", "建国", "志强", "海燕", "婷婷", "晓东", "子涵", "浩然", "思远", "佳怡", "欣怡",
    "宇轩", "梓萱", "雨桐", "俊杰", "文博", "晨曦", "一鸣", "嘉怡", "明轩", "诗涵", "天佑", "若曦", "家豪",
    "建军", "丽娟", "国强", "春梅", "玉兰", "红梅", "志明", "海涛", "晓明", "振华", "立新", "秀珍", "雪梅",
    "小红", "丹丹", "鹏飞", "宏伟", "文静", "晓燕", "志刚", "美玲", "永强", "桂芳", "亚楠", "少华", "慧敏",
    "德明", "卫东", "红霞", "玉梅", "凤英", "晓丽", "文华", "国庆", "金凤", "建平", "淑英", "秀兰", "海波",
)
# A wrong but plausible character (mostly a homophone, as a phone-dictated name gets typed).
CN_WRONG_CHAR = {
    "伟": "玮", "芳": "方", "娜": "那", "敏": "民", "静": "婧", "丽": "莉", "强": "墙", "磊": "垒", "军": "君",
    "洋": "阳", "勇": "永", "艳": "燕", "杰": "洁", "娟": "绢", "涛": "滔", "明": "铭", "超": "潮", "霞": "侠",
    "平": "萍", "刚": "钢", "英": "瑛", "华": "桦", "国": "帼", "志": "智", "燕": "艳", "婷": "亭", "东": "冬",
    "涵": "晗", "浩": "皓", "然": "冉", "思": "斯", "远": "元", "佳": "嘉", "怡": "仪", "宇": "雨", "轩": "萱",
    "俊": "骏", "文": "雯", "博": "波", "晨": "辰", "鸣": "明", "天": "添", "家": "佳", "豪": "浩", "梅": "玫",
    "兰": "岚", "红": "虹", "玉": "钰", "鹏": "朋", "飞": "菲", "宏": "鸿", "新": "欣", "珍": "真", "雪": "学",
    "丹": "单", "梓": "子", "雨": "宇", "桐": "彤", "欣": "馨", "诗": "师", "若": "偌", "曦": "熙", "建": "健",
    "秀": "绣", "晓": "小", "春": "纯", "立": "力", "振": "震", "淑": "舒", "美": "媚", "玲": "琳", "亚": "雅",
    "楠": "南", "少": "绍", "慧": "惠", "德": "得", "卫": "维", "凤": "风", "庆": "青", "金": "今",
    "波": "博", "永": "勇", "桂": "贵", "一": "依", "嘉": "佳", "小": "晓", "子": "梓",
}

TITLES = (
    ("Sales Manager", 6), ("Marketing Manager", 6), ("Director of Marketing", 4), ("VP of Sales", 2),
    ("VP Engineering", 2), ("Procurement Manager", 4), ("Chief Technology Officer", 2), ("CEO", 2),
    ("CFO", 1), ("Operations Manager", 5), ("IT Manager", 5), ("IT Director", 3), ("Head of Finance", 2),
    ("Product Manager", 4), ("Business Analyst", 4), ("Office Manager", 3), ("Purchasing Director", 2),
    ("Solutions Architect", 2), ("HR Director", 2), ("Software Engineer", 3), ("Data Analyst", 3),
    ("Account Manager", 3), ("Founder", 1), ("Owner", 1), ("Consultant", 2),
)
CN_TITLES = (
    ("销售经理", 6), ("市场经理", 5), ("市场总监", 3), ("技术总监", 3), ("采购经理", 5), ("总经理", 3),
    ("运营经理", 4), ("IT经理", 4), ("财务总监", 2), ("产品经理", 4), ("行政主管", 3), ("副总裁", 1),
    ("董事长", 1), ("项目经理", 4), ("研发工程师", 3), ("商务专员", 3), ("采购专员", 3), ("信息中心主任", 2),
)

# -- companies ------------------------------------------------------------------------------

INDUSTRIES = (
    ("Technology", 16), ("Software", 12), ("Healthcare", 8), ("Financial Services", 8), ("Manufacturing", 10),
    ("Retail", 7), ("Education", 5), ("Logistics", 6), ("Energy", 4), ("Media", 4), ("Real Estate", 3),
    ("Biotech", 4), ("Construction", 3), ("Food & Beverage", 4), ("Consulting", 5), ("Telecommunications", 3),
)
COMPANY_WORDS = (
    "Summit", "Harbor", "Pioneer", "Vertex", "Bluewater", "Ironwood", "Northstar", "Keystone", "Evergreen",
    "Silverline", "Redwood", "Granite", "Brightpath", "Cobalt", "Meridian", "Lakeside", "Sterling", "Orchard",
    "Falcon", "Beacon", "Cedar", "Atlas", "Horizon", "Quantum", "Crescent", "Apex", "Bluebird", "Clearwater",
    "Copperleaf", "Driftwood", "Emerald", "Fairview", "Foxglove", "Highland", "Juniper", "Kestrel",
    "Lighthouse", "Maple", "Nimbus", "Oakridge", "Pinnacle", "Prairie", "Riverbend", "Sagebrush", "Sequoia",
    "Skyline", "Stonebridge", "Sunrise", "Tidewater", "Trailhead", "Westwind", "Willow", "Zenith", "Arrow",
)
# (word, industry): what kind of business the name suggests.
COMPANY_KINDS = (
    ("Systems", "Technology"), ("Logistics", "Logistics"), ("Health", "Healthcare"), ("Capital", "Financial Services"),
    ("Labs", "Biotech"), ("Foods", "Food & Beverage"), ("Energy", "Energy"), ("Media", "Media"),
    ("Partners", "Consulting"), ("Analytics", "Software"), ("Supply", "Manufacturing"), ("Robotics", "Manufacturing"),
    ("Networks", "Telecommunications"), ("Consulting", "Consulting"), ("Software", "Software"),
    ("Technologies", "Technology"), ("Realty", "Real Estate"), ("Builders", "Construction"),
    ("Learning", "Education"), ("Outfitters", "Retail"), ("Biosciences", "Biotech"),
    ("Financial", "Financial Services"),
    ("Manufacturing", "Manufacturing"), ("Digital", "Technology"), ("Solutions", "Technology"),
)
US_SUFFIXES = (("Inc.", 10), ("LLC", 7), ("Corp.", 4), ("Ltd.", 2), ("Group", 3), ("Co.", 2), ("", 6))

CN_BRAND_CHARS = (
    "良", "诺", "华", "信", "天", "成", "博", "远", "鼎", "盛", "瑞", "丰", "恒", "达", "新", "源", "智", "联",
    "云", "图", "金", "桥", "启", "明", "长", "风", "星", "河", "中", "科", "汇", "通", "宏", "德", "润", "泰",
    "安", "嘉", "和", "美", "创", "腾", "飞", "海", "峰", "蓝", "鸿", "兴", "旺", "隆", "佳", "东", "方", "正",
    "万", "昌", "合", "力", "凯", "越", "卓", "宇", "同", "聚", "光", "晨", "易", "融", "立", "弘",
)
# (kind of business, industry)
CN_COMPANY_KINDS = (
    ("网络科技", "Technology"), ("信息技术", "Technology"), ("电子商务", "Retail"), ("软件", "Software"),
    ("医疗器械", "Healthcare"), ("物流", "Logistics"), ("教育科技", "Education"), ("智能制造", "Manufacturing"),
    ("生物科技", "Biotech"), ("新能源", "Energy"), ("金融服务", "Financial Services"), ("文化传媒", "Media"),
    ("贸易", "Retail"), ("建筑工程", "Construction"), ("食品", "Food & Beverage"), ("咨询", "Consulting"),
    ("通信技术", "Telecommunications"), ("电子", "Manufacturing"), ("数据科技", "Software"), ("置业", "Real Estate"),
)
CN_SUFFIXES = (("有限公司", 14), ("股份有限公司", 4), ("集团有限公司", 1), ("有限责任公司", 1))

# (city, state, area code, sales region)
US_CITIES = (
    ("San Francisco", "CA", "415", "US-West"), ("Los Angeles", "CA", "213", "US-West"),
    ("San Jose", "CA", "408", "US-West"), ("Seattle", "WA", "206", "US-West"), ("Portland", "OR", "503", "US-West"),
    ("Denver", "CO", "303", "US-West"), ("Austin", "TX", "512", "US-Central"), ("Dallas", "TX", "214", "US-Central"),
    ("Houston", "TX", "713", "US-Central"), ("Chicago", "IL", "312", "US-Central"),
    ("Minneapolis", "MN", "612", "US-Central"), ("New York", "NY", "212", "US-East"),
    ("Boston", "MA", "617", "US-East"), ("Atlanta", "GA", "404", "US-East"), ("Miami", "FL", "305", "US-East"),
    ("Philadelphia", "PA", "215", "US-East"), ("Washington", "DC", "202", "US-East"),
    ("Raleigh", "NC", "919", "US-East"),
)
# (city, province, area code without the trunk 0, sales region)
CN_CITIES = (
    ("北京", "北京", "10", "CN-North"), ("天津", "天津", "22", "CN-North"), ("上海", "上海", "21", "CN-East"),
    ("杭州", "浙江", "571", "CN-East"), ("南京", "江苏", "25", "CN-East"), ("苏州", "江苏", "512", "CN-East"),
    ("宁波", "浙江", "574", "CN-East"), ("深圳", "广东", "755", "CN-South"), ("广州", "广东", "20", "CN-South"),
    ("厦门", "福建", "592", "CN-South"), ("成都", "四川", "28", "CN-West"), ("重庆", "重庆", "23", "CN-West"),
    ("武汉", "湖北", "27", "CN-West"), ("西安", "陕西", "29", "CN-West"),
)
CN_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                      "155", "156", "157", "158", "159", "176", "177", "180", "181", "182", "185", "186",
                      "187", "188", "189", "198", "199")
# (min, max) employees per size band, with weights
EMPLOYEE_BANDS = (((2, 10), 16), ((11, 50), 28), ((51, 200), 25), ((201, 1000), 17), ((1001, 5000), 9),
                  ((5001, 50000), 5))

FREE_MAIL_US = (("gmail.com", 10), ("yahoo.com", 3), ("outlook.com", 3), ("hotmail.com", 2), ("icloud.com", 2),
                ("aol.com", 1))
FREE_MAIL_CN = (("qq.com", 8), ("163.com", 5), ("126.com", 2), ("foxmail.com", 1), ("sina.com", 1))

# -- channels and campaigns -------------------------------------------------------------------

# (source name, share of leads, conversion power, funnel stage). Power differs by channel, and
# early-funnel channels bring leads while late-funnel ones close them, so first-touch,
# last-touch and data-driven attribution models disagree.
SOURCES = (
    ("Web Form", 17, 1.0, "awareness"), ("Paid Search", 14, 0.7, "awareness"), ("Social", 10, 0.5, "awareness"),
    ("Trade Show", 8, 1.5, "decision"), ("Referral", 6, 2.4, "decision"), ("Partner", 6, 1.8, "decision"),
    ("Email", 10, 0.8, "consideration"), ("Webinar", 8, 1.3, "consideration"), ("Chat", 6, 1.1, "consideration"),
    ("Business Card", 4, 1.2, "decision"), ("Import", 7, 0.3, "awareness"), ("Advertisement", 4, 0.6, "awareness"),
)
# Salesforce's campaign types, per channel
CAMPAIGN_TYPES = {
    "Web Form": "Website", "Paid Search": "Advertisement", "Social": "Social Media", "Trade Show": "Trade Show",
    "Referral": "Referral Program", "Partner": "Partners", "Email": "Email", "Webinar": "Webinar",
    "Chat": "Website", "Business Card": "Trade Show", "Import": "Direct Mail", "Advertisement": "Banner Ads",
}
# channel -> (shortest, longest campaign in days, budget low, budget high in USD)
CAMPAIGN_SHAPE = {
    "Web Form": (90, 365, 2_000, 20_000), "Paid Search": (30, 180, 5_000, 60_000),
    "Social": (30, 120, 3_000, 30_000), "Trade Show": (2, 4, 20_000, 150_000), "Referral": (90, 365, 1_000, 10_000),
    "Partner": (60, 240, 5_000, 40_000), "Email": (1, 3, 500, 5_000), "Webinar": (1, 1, 2_000, 15_000),
    "Chat": (90, 365, 1_000, 6_000), "Business Card": (2, 5, 500, 3_000), "Import": (14, 60, 2_000, 15_000),
    "Advertisement": (30, 90, 10_000, 80_000),
}
CAMPAIGN_NAMES = {
    "Web Form": ("Website contact form", "Free trial sign-up", "Pricing page demo request", "Whitepaper download"),
    "Paid Search": ("Google Ads - Brand", "Google Ads - Competitors", "Bing Ads - Generic", "Google Ads - Category"),
    "Social": ("LinkedIn Sponsored Content", "LinkedIn Lead Gen Forms", "Facebook Retargeting", "X Promoted Posts"),
    "Trade Show": ("SaaStr Annual", "Dreamforce booth", "CES", "Gartner Symposium", "Web Summit", "AWS re:Invent"),
    "Referral": ("Customer referral program", "Refer-a-friend rewards"),
    "Partner": ("Reseller co-marketing", "Partner MDF program", "Systems integrator alliance"),
    "Email": ("Monthly newsletter", "Product launch announcement", "Nurture track", "Case study digest",
              "Re-engagement blast"),
    "Webinar": ("Graph analytics 101", "Customer success live", "Product deep dive", "Industry roundtable"),
    "Chat": ("Website live chat", "Chatbot qualification"),
    "Business Card": ("Booth badge scans", "Executive dinner cards"),
    "Import": ("Purchased list: ZoomInfo", "Purchased list: Apollo", "Event attendee list"),
    "Advertisement": ("Display ads - Retargeting", "Podcast sponsorship", "Industry magazine ad"),
}
CN_CAMPAIGN_NAMES = {
    "Web Form": ("官网咨询表单", "免费试用申请", "白皮书下载"),
    "Paid Search": ("百度推广 - 品牌词", "百度推广 - 行业词", "360搜索推广"),
    "Social": ("微信公众号推文", "抖音信息流广告", "微博话题推广", "视频号直播"),
    "Trade Show": ("中国国际工业博览会", "世界人工智能大会", "中国国际进口博览会", "高交会"),
    "Referral": ("老客户转介绍计划",),
    "Partner": ("渠道伙伴联合推广", "代理商大会"),
    "Email": ("月度资讯邮件", "新品发布邮件", "客户案例邮件"),
    "Webinar": ("线上研讨会：数字化转型", "直播：产品实战演示"),
    "Chat": ("官网在线咨询",),
    "Business Card": ("展会名片收集",),
    "Import": ("行业名录导入",),
    "Advertisement": ("分众电梯广告", "行业媒体广告"),
}
TOUCH_KINDS = ("sent", "opened", "clicked", "registered", "attended", "responded")
# channel -> the steps one engagement with a campaign goes through:
# (kind, chance of reaching this step from the previous one, mean hours after the previous step)
TOUCH_STEPS = {
    "Web Form": (("clicked", 1.0, 0), ("responded", 0.6, 0.2)),
    "Paid Search": (("clicked", 1.0, 0), ("responded", 0.45, 0.3)),
    "Social": (("opened", 1.0, 0), ("clicked", 0.6, 0.1), ("responded", 0.35, 1)),
    "Trade Show": (("registered", 1.0, 0), ("attended", 0.8, 240), ("responded", 0.4, 48)),
    "Referral": (("sent", 1.0, 0), ("responded", 0.8, 24)),
    "Partner": (("sent", 1.0, 0), ("registered", 0.6, 48), ("attended", 0.6, 96), ("responded", 0.4, 24)),
    "Email": (("sent", 1.0, 0), ("opened", 0.7, 8), ("clicked", 0.5, 0.1), ("responded", 0.35, 2)),
    "Webinar": (("sent", 1.0, 0), ("registered", 0.7, 24), ("attended", 0.65, 120), ("responded", 0.4, 4)),
    "Chat": (("clicked", 1.0, 0), ("responded", 0.9, 0.05)),
    "Business Card": (("attended", 1.0, 0), ("responded", 0.3, 72)),
    "Import": (("sent", 1.0, 0), ("opened", 0.35, 12), ("clicked", 0.3, 0.2)),
    "Advertisement": (("opened", 1.0, 0), ("clicked", 0.5, 0.1), ("responded", 0.3, 1)),
}

# -- sales team -----------------------------------------------------------------------------------

# (name, email, region, team, capacity: open leads they can work)
REPS = (
    ("Mark Moses", "mark.moses@graphcrm-demo.com", "US-West", "Enterprise", 250),
    ("Grace Liu", "grace.liu@graphcrm-demo.com", "US-West", "Mid-Market", 300),
    ("Paul Young", "paul.young@graphcrm-demo.com", "US-Central", "Enterprise", 220),
    ("Kara Wilson", "kara.wilson@graphcrm-demo.com", "US-Central", "SMB", 400),
    ("Andrea Clark", "andrea.clark@graphcrm-demo.com", "US-East", "Enterprise", 250),
    ("Omar Haddad", "omar.haddad@graphcrm-demo.com", "US-East", "Mid-Market", 300),
    ("Michael Black", "michael.black@graphcrm-demo.com", "US-East", "SMB", 400),
    ("William Castillo", "william.castillo@graphcrm-demo.com", "US-West", "SMB", 350),
    ("王伟", "wangwei@graphcrm-demo.cn", "CN-North", "大客户部", 280),
    ("李娜", "lina@graphcrm-demo.cn", "CN-East", "大客户部", 300),
    ("陈静", "chenjing@graphcrm-demo.cn", "CN-South", "中小客户部", 380),
    ("张强", "zhangqiang@graphcrm-demo.cn", "CN-West", "中小客户部", 350),
)

# -- lead lifecycle ---------------------------------------------------------------------------------

# canonical status -> what the source CRM calls it (US, China)
STATUS_WORDS = {
    "new": ("Open - Not Contacted", "待跟进"), "working": ("Working - Contacted", "跟进中"),
    "qualified": ("Qualified", "有意向"), "disqualified": ("Closed - Not Converted", "无效"),
    "converted": ("Closed - Converted", "已转换"),
}
RATING_WORDS = {"hot": ("Hot", "热"), "warm": ("Warm", "温"), "cold": ("Cold", "冷")}
OPEN_STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review")
PRODUCTS = ("Pilot", "Platform", "Expansion", "Enterprise License", "Professional Services", "Annual Subscription")
CN_PRODUCTS = ("试点项目", "平台采购", "扩容", "企业授权", "实施服务", "年度订阅")

ACTIVITY_TYPES = (("call", 40), ("email", 35), ("meeting", 12), ("note", 13))
OUTCOMES = {
    "call": ("Connected", "Left voicemail", "No answer", "Call back later", "Wrong number"),
    "email": ("Sent", "Replied", "No reply", "Bounced"),
    "meeting": ("Held", "Rescheduled", "No-show"),
    "note": ("Logged",),
}
NOTES = {
    "call": ("Intro call about {company}", "Discovery call: budget and timeline", "Follow-up call after demo"),
    "email": ("Sent pricing overview", "Shared case study", "Follow-up on webinar attendance"),
    "meeting": ("Product demo with {company}", "On-site workshop", "Proposal review"),
    "note": ("Evaluating competitors", "Budget approved for next quarter", "Champion identified"),
}
CN_NOTES = {
    "call": ("首次电话沟通，介绍{company}的需求", "电话确认预算和时间", "演示后电话回访"),
    "email": ("发送报价单", "发送客户案例", "跟进研讨会参会情况"),
    "meeting": ("上门拜访{company}", "产品演示会议", "方案评审会"),
    "note": ("客户在比较竞品", "下季度预算已批", "已找到内部支持者"),
}
