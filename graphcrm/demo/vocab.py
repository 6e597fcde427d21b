"""Word lists for the demo data: English and Chinese people, companies and places."""

from __future__ import annotations

FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Margaret", "Steven", "Sandra",
    "Andrew", "Ashley", "Joshua", "Katherine", "Kenneth", "Emily", "Kevin", "Donna", "Brian", "Michelle",
    "Timothy", "Carol", "Ronald", "Amanda", "Jason", "Melissa", "Jeffrey", "Deborah", "Ryan", "Stephanie",
    "Jacob", "Rebecca", "Nicholas", "Laura", "Eric", "Helen", "Samuel", "Sharon", "Benjamin", "Cynthia",
    "Alexander", "Kathleen", "Gregory", "Amy", "Patrick", "Angela", "Jonathan", "Anna", "Frank", "Emma",
)
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
    "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
    "Patterson", "Wagner", "Russell", "Mathews", "Moreno", "Castillo", "Phelps", "Vaughn", "Benton", "Knight",
)
NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Katherine": "Kate", "Michael": "Mike",
    "Richard": "Rick", "Joseph": "Joe", "Thomas": "Tom", "Christopher": "Chris", "Daniel": "Dan",
    "Matthew": "Matt", "Anthony": "Tony", "Steven": "Steve", "Andrew": "Andy", "Joshua": "Josh",
    "Kenneth": "Ken", "Timothy": "Tim", "Jonathan": "Jon", "Benjamin": "Ben", "Alexander": "Alex",
    "Nicholas": "Nick", "Samuel": "Sam", "Jennifer": "Jen", "Patricia": "Pat", "Margaret": "Maggie",
    "Rebecca": "Becky", "Deborah": "Debbie", "Cynthia": "Cindy", "Kathleen": "Kathy", "Stephanie": "Steph",
}
CN_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
               "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "欧阳", "司马")
CN_GIVEN = ("伟", "芳", "娜", "敏", "静", "秀英", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀兰", "霞", "平", "刚", "桂花", "文", "华", "建国", "海燕", "婷", "宇", "浩然", "子涵",
            "思远", "晓东", "雪", "佳怡", "志强")
CN_TYPO = {"伟": "玮", "芳": "方", "娜": "那", "敏": "民", "静": "晶", "丽": "莉", "强": "墙", "磊": "垒",
           "涛": "滔", "明": "鸣", "华": "桦", "婷": "亭", "杰": "洁", "军": "君", "勇": "永"}

TITLES = (
    "Sales Manager", "Director of Marketing", "VP Engineering", "Procurement Lead", "Chief Technology Officer",
    "Operations Manager", "IT Manager", "Head of Finance", "Product Manager", "Business Analyst",
    "Office Manager", "Chief Executive Officer", "Purchasing Director", "Solutions Architect", "HR Director",
)
CN_TITLES = ("销售经理", "市场总监", "技术总监", "采购经理", "总经理", "运营经理", "IT经理", "财务总监", "产品经理",
             "行政主管")
INDUSTRIES = ("Technology", "Healthcare", "Finance", "Manufacturing", "Retail", "Education", "Logistics",
              "Energy", "Media", "Real Estate")
CN_INDUSTRIES = ("互联网", "医疗", "金融", "制造", "零售", "教育", "物流", "能源")

COMPANY_WORDS = ("Summit", "Harbor", "Pioneer", "Vertex", "Bluewater", "Ironwood", "Northstar", "Keystone",
                 "Evergreen", "Silverline", "Redwood", "Granite", "Brightpath", "Cobalt", "Meridian", "Lakeside",
                 "Sterling", "Orchard", "Falcon", "Beacon", "Cedar", "Atlas", "Horizon", "Quantum", "Crescent")
COMPANY_KINDS = ("Systems", "Logistics", "Health", "Capital", "Labs", "Foods", "Energy", "Media", "Partners",
                 "Analytics", "Supply", "Robotics", "Networks", "Consulting", "Software")
US_SUFFIXES = ("Inc.", "LLC", "Corp.", "Ltd.", "Group", "Co.")
CN_CITIES = ("北京", "上海", "深圳", "广州", "杭州", "成都", "南京", "武汉", "苏州", "西安")
CN_COMPANY_WORDS = ("良诺", "快讯", "华信", "天成", "博远", "鼎盛", "瑞丰", "恒达", "新源", "智联", "云图", "金桥",
                    "东方", "启明", "长风", "星河", "中科", "汇通", "宏图", "德润")
CN_COMPANY_KINDS = ("网络科技", "信息技术", "电子商务", "软件", "医疗器械", "物流", "教育科技", "智能制造")
CN_COMPANY_PINYIN = {
    "良诺": "liangnuo", "快讯": "kuaixun", "华信": "huaxin", "天成": "tiancheng", "博远": "boyuan",
    "鼎盛": "dingsheng", "瑞丰": "ruifeng", "恒达": "hengda", "新源": "xinyuan", "智联": "zhilian",
    "云图": "yuntu", "金桥": "jinqiao", "东方": "dongfang", "启明": "qiming", "长风": "changfeng",
    "星河": "xinghe", "中科": "zhongke", "汇通": "huitong", "宏图": "hongtu", "德润": "derun",
}
US_CITIES = (("San Francisco", "CA"), ("Austin", "TX"), ("Seattle", "WA"), ("Boston", "MA"), ("Chicago", "IL"),
             ("Denver", "CO"), ("Atlanta", "GA"), ("New York", "NY"), ("Miami", "FL"), ("Portland", "OR"))
CN_PROVINCES = {"北京": "北京", "上海": "上海", "深圳": "广东", "广州": "广东", "杭州": "浙江", "成都": "四川",
                "南京": "江苏", "武汉": "湖北", "苏州": "江苏", "西安": "陕西"}
FREE_MAIL_US = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com")
FREE_MAIL_CN = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com")

# (name, weight of leads, conversion power): channels differ, so attribution models disagree.
SOURCES = (
    ("Web Form", 18, 1.0), ("Paid Search", 14, 0.8), ("Social Media", 10, 0.5), ("Trade Show", 9, 1.3),
    ("Referral", 6, 2.2), ("Partner", 7, 1.6), ("Email Campaign", 9, 0.7), ("Webinar", 8, 1.2),
    ("Live Chat", 5, 0.9), ("Business Card", 5, 1.1), ("List Import", 6, 0.3), ("Advertisement", 3, 0.6),
)
CAMPAIGN_TYPES = {
    "Web Form": "Website", "Paid Search": "Advertisement", "Social Media": "Social", "Trade Show": "Trade Show",
    "Referral": "Referral Program", "Partner": "Partners", "Email Campaign": "Email", "Webinar": "Webinar",
    "Live Chat": "Website", "Business Card": "Trade Show", "List Import": "Direct Mail",
    "Advertisement": "Advertisement",
}
CAMPAIGN_THEMES = ("Spring", "Summer", "Autumn", "Winter", "Q1", "Q2", "Q3", "Q4", "Launch", "Growth", "Renewal")
TOUCH_KINDS = ("sent", "opened", "clicked", "registered", "attended", "responded")
REPS = (
    ("Mark Moses", "US-West", "Enterprise"), ("Paul Yang", "US-West", "Enterprise"),
    ("Andrea Clark", "US-East", "Mid-Market"), ("Kara Wilson", "US-East", "Mid-Market"),
    ("Michael Black", "US-Central", "SMB"), ("William Castillo", "US-Central", "SMB"),
    ("Grace Liu", "US-West", "Mid-Market"), ("Omar Haddad", "US-East", "Enterprise"),
    ("王伟", "CN-North", "大客户"), ("李娜", "CN-East", "大客户"), ("陈静", "CN-South", "中小客户"),
    ("张强", "CN-East", "中小客户"),
)
OPPORTUNITY_STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation/Review")
