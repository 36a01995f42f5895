secret = "Quokka7-Zebra9"
